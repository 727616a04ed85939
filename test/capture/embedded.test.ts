import { createEmbeddedEngine } from '../../src/capture/embedded.ts';
import { describeEngineContract } from './engine-contract.ts';

describeEngineContract('embedded', (opts, ca) => createEmbeddedEngine(opts, ca));
