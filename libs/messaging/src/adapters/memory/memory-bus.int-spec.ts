import { busContract } from '@app/testing';
import { MemoryBus } from './memory-bus';

busContract('memory', async () => new MemoryBus());
