export * from './kafka-bus';
export { BUS_ABORTED, BUS_CLOSED, BUS_FAILED, BUS_REJECTED, BUS_UNAVAILABLE } from './kafka-errors';
