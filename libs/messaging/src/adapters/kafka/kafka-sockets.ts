import { Socket, connect } from 'node:net';
import { ISocketFactory } from 'kafkajs';

/**
 * The connections of one kafkajs client, so that closing it really closes them.
 *
 * kafkajs can lose track of a connection: one a send or a consumer restart opens while
 * the client disconnects (kafkajs issues 1147 and 1438), or one made by a fetch loop
 * orphaned during a broker restart. Such a connection keeps polling the broker, and
 * keeps the process alive, after disconnect() has resolved. closeAll() refuses new
 * connections and fails the open ones, which makes kafkajs tear down its side of each.
 * Plain TCP only: the bus configures no TLS.
 */
export class KafkaSockets {
  private readonly open = new Set<Socket>();
  private refusing = false;

  /** For kafkajs's `socketFactory` option. */
  readonly factory: ISocketFactory = ({ host, port, onConnect }) => {
    // kafkajs reports a throwing factory as a failed connection, and stops in time.
    if (this.refusing) throw new Error('the Kafka client is closed');
    const socket = connect({ host, port }, onConnect);
    // Notices a broker host that vanished without closing the connection.
    socket.setKeepAlive(true, 60_000);
    this.open.add(socket);
    socket.once('close', () => this.open.delete(socket));
    return socket;
  };

  /** True once closeAll() has been called. */
  get closed(): boolean {
    return this.refusing;
  }

  /**
   * Refuses new connections, fails the open ones and waits until they are closed.
   * Resolves with how many were still open.
   */
  async closeAll(): Promise<number> {
    this.refusing = true;
    const left = [...this.open];
    // Failing with an error (not a bare destroy) reaches kafkajs's error handler, which
    // also stops the connection's request-timeout timer.
    await Promise.all(
      left.map(
        (socket) =>
          new Promise<void>((resolve) => {
            socket.once('close', () => resolve());
            socket.destroy(new Error('the Kafka client is closed'));
          }),
      ),
    );
    return left.length;
  }
}
