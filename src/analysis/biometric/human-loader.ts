// Loads @vladmandic/human once, on the WASM backend, with only the face detector and its mesh check.
//
// Why by file path: the package's `exports` map sends Node to dist/human.node.js, which needs tfjs-node
// (not installable here); dist/human.node-wasm.js needs only tfjs-core, tfjs-converter and tfjs-backend-wasm.
// Why a fetch shim: Human loads models through fetch, and Node 20's fetch cannot read file:// URLs.

import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

/** The few parts of Human's API this project uses (its own typings come through the broken exports map). */
export interface HumanFace {
  score: number;
  boxScore: number;
  faceScore: number;
  /** x, y, width, height in input pixels */
  box: [number, number, number, number];
}
interface HumanTensor {
  dispose(): void;
}
export interface HumanInstance {
  init(): Promise<void>;
  load(): Promise<void>;
  detect(input: HumanTensor): Promise<{ face: HumanFace[]; error?: string | null }>;
  tf: {
    getBackend(): string;
    tensor3d(values: Int32Array | Uint8Array, shape: [number, number, number], dtype: 'int32'): HumanTensor;
  };
}
interface HumanModule {
  Human: new (config: Record<string, unknown>) => HumanInstance;
}

/**
 * Candidate floor: Human returns boxes down to this score so the benchmark can show near misses;
 * the decision threshold is applied by face-detector.ts.
 */
export const CANDIDATE_MIN_SCORE = 0.2;

function packagePaths(): { humanFile: string; modelDir: string; wasmDir: string } {
  // Resolving (not loading) the default entry is enough to find the package folder.
  const humanDist = path.dirname(require.resolve('@vladmandic/human'));
  const wasmDist = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));
  return {
    humanFile: path.join(humanDist, 'human.node-wasm.js'),
    modelDir: path.join(humanDist, '..', 'models'),
    wasmDir: wasmDist,
  };
}

function humanConfig(modelDir: string, wasmDir: string): Record<string, unknown> {
  const off = { enabled: false };
  return {
    backend: 'wasm',
    wasmPath: wasmDir + path.sep,
    modelBasePath: pathToFileURL(modelDir).href + '/',
    debug: false,
    warmup: 'none',
    // Each call is a different image: no frame-to-frame caching or skipping.
    cacheSensitivity: 0,
    skipAllowed: false,
    filter: off,
    face: {
      enabled: true,
      detector: { rotation: false, maxDetected: 5, minConfidence: CANDIDATE_MIN_SCORE, skipFrames: 0, return: false },
      // The mesh is kept as a verifier: the detector alone scores a cat's face above a profile human face.
      mesh: { enabled: true, keepInvalid: true },
      iris: off, emotion: off, description: off, antispoof: off, liveness: off, attention: off,
    },
    body: off, hand: off, object: off, gesture: off, segmentation: off,
  };
}

/** Serve file:// URLs from disk while Human loads its models; everything else goes to the real fetch. */
async function withFileFetch<T>(work: () => Promise<T>): Promise<T> {
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith('file:')) return realFetch(input, init);
    const body = await readFile(fileURLToPath(url));
    const type = url.endsWith('.json') ? 'application/json' : 'application/octet-stream';
    return new Response(body, { status: 200, headers: { 'content-type': type } });
  };
  try {
    return await work();
  } finally {
    globalThis.fetch = realFetch;
  }
}

export interface LoadedHuman {
  human: HumanInstance;
  loadMs: number;
}

let loading: Promise<LoadedHuman> | undefined;

/** The shared Human instance, initialised on first use. Rejects with the reason when it cannot load. */
export function loadHuman(): Promise<LoadedHuman> {
  loading ??= (async () => {
    const started = performance.now();
    const { humanFile, modelDir, wasmDir } = packagePaths();
    let Human: HumanModule['Human'];
    try {
      ({ Human } = require(humanFile) as HumanModule);
    } catch (err) {
      const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
      throw new Error(`face detector cannot load ${humanFile}: ${why} (it needs @tensorflow/tfjs-core, tfjs-converter and tfjs-backend-wasm installed)`);
    }
    const human = new Human(humanConfig(modelDir, wasmDir));
    await withFileFetch(async () => {
      await human.init();
      await human.load();
    });
    if (human.tf.getBackend() !== 'wasm') throw new Error(`face detector: expected the wasm backend, got ${human.tf.getBackend()}`);
    return { human, loadMs: performance.now() - started };
  })();
  return loading;
}
