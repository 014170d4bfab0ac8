import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type * as Yjs from "yjs";

/** A stored document, read into a Y.Doc in the worker and handed back in pieces the main thread applies between turns. */
export interface SlicedDocument {
  /** Its structs, in slices each applied whole: what a slice's structs build on is in it or an earlier one. */
  slices: Uint8Array[];
  /** Its deletions, as an update without structs, applied after the slices. */
  deletions: Uint8Array;
  /** The whole document as one update: the answer to a newcomer asking for all of it. */
  state: Uint8Array;
  stateVector: Uint8Array;
}

export interface SliceRequest {
  id: number;
  updates: Uint8Array[];
  /** A slice's budget: 32 per struct plus its length (characters of a text), enough to keep one apply short. */
  budget: number;
}

/** A document's stored updates, to be merged into one snapshot (a compaction). */
export interface SnapshotRequest {
  id: number;
  snapshot: Uint8Array[];
}

type WorkerReply =
  | { id: number; sliced: SlicedDocument }
  | { id: number; snapshot: Uint8Array }
  | { id: number; error: string };

/**
 * The worker's code. It is sent to the worker as text (it runs in another isolate), so it uses nothing
 * but its parameters. It applies a document's stored updates and cuts its structs into slices in an
 * order where every struct comes after what it refers to (its origins and its parent), as Yjs
 * integrates them; a struct left pending (a damaged store) makes it refuse, for the caller to load whole.
 * Asked for a snapshot, it applies the updates and encodes the document as one update, as a compaction
 * did on the main thread (pending content included, as Yjs encodes it).
 */
function serveSlices(Y: typeof Yjs, port: import("node:worker_threads").MessagePort): void {
  port.on("message", (request: SliceRequest | SnapshotRequest) => {
    if ("snapshot" in request) {
      const doc = new Y.Doc();
      try {
        doc.transact(() => {
          for (const update of request.snapshot) Y.applyUpdate(doc, update);
        });
        const snapshot = Y.encodeStateAsUpdate(doc);
        port.postMessage({ id: request.id, snapshot } satisfies WorkerReply, [snapshot.buffer as ArrayBuffer]);
      } catch (error) {
        port.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) });
      } finally {
        doc.destroy();
      }
      return;
    }
    const { id, updates, budget } = request;
    const doc = new Y.Doc();
    try {
      doc.transact(() => {
        for (const update of updates) Y.applyUpdate(doc, update);
      });
      if (doc.store.pendingStructs || doc.store.pendingDs) throw new Error("the stored updates leave content pending");
      const next = new Map<number, number>();
      const done = new Map<number, number>();
      const ready = (ref: Yjs.ID | null | undefined) => !ref || ref.clock < (done.get(ref.client) ?? 0);
      const slices: Uint8Array[] = [];
      let runs = new Map<number, [start: number, end: number]>();
      let spent = 0;
      const cut = () => {
        const encoder = new Y.UpdateEncoderV1();
        encoder.writeLen(runs.size);
        for (const [client, [start, end]] of runs) {
          const structs = doc.store.clients.get(client) ?? [];
          encoder.writeLen(end - start);
          encoder.writeClient(client);
          encoder.writeLen(structs[start]?.id.clock ?? 0);
          for (let i = start; i < end; i++) structs[i]?.write(encoder, 0);
        }
        encoder.writeLen(0);
        slices.push(encoder.toUint8Array());
        runs = new Map();
        spent = 0;
      };
      const refsReady = (struct: Yjs.Item | Yjs.GC) => {
        if (!(struct instanceof Y.Item)) return true;
        const parent = struct.parent instanceof Y.AbstractType ? struct.parent._item?.id : struct.parent;
        return ready(struct.origin) && ready(struct.rightOrigin) && ready(parent);
      };
      let left = [...doc.store.clients.values()].reduce((sum, structs) => sum + structs.length, 0);
      // Set when no client could go on: never in a document Yjs integrated whole, kept so the loop ends.
      let force = false;
      while (left > 0) {
        let progress = false;
        for (const [client, structs] of doc.store.clients) {
          for (let i = next.get(client) ?? 0; i < structs.length; i++) {
            const struct = structs[i] as Yjs.Item | Yjs.GC;
            if (!force && !refsReady(struct)) break;
            force = false;
            progress = true;
            const run = runs.get(client);
            runs.set(client, [run ? run[0] : i, i + 1]);
            next.set(client, i + 1);
            done.set(client, struct.id.clock + struct.length);
            left--;
            spent += 32 + struct.length;
            if (spent >= budget) cut();
          }
        }
        if (!progress) force = true;
      }
      if (runs.size > 0) cut();
      const stateVector = Y.encodeStateVector(doc);
      const sliced: SlicedDocument = {
        slices,
        deletions: Y.encodeStateAsUpdate(doc, stateVector),
        state: Y.encodeStateAsUpdate(doc),
        stateVector,
      };
      const transfer = [...slices, sliced.deletions, sliced.state, stateVector].map((bytes) => bytes.buffer);
      port.postMessage({ id, sliced } satisfies WorkerReply, transfer as ArrayBuffer[]);
    } catch (error) {
      port.postMessage({ id, error: error instanceof Error ? error.message : String(error) } satisfies WorkerReply);
    } finally {
      doc.destroy();
    }
  });
}

/**
 * One worker thread for every document loaded or compacted large: started on the first, kept
 * (unreferenced while it owes nothing: it never holds an idle process open), and started again after a crash.
 */
class SliceWorker {
  private worker: Worker | undefined;
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve: (reply: WorkerReply) => void; reject: (e: Error) => void }>();

  async slice(updates: Uint8Array[], budget: number): Promise<SlicedDocument> {
    const reply = await this.ask((id) => ({ id, updates, budget }) satisfies SliceRequest);
    if (!("sliced" in reply)) throw new Error("the load worker answered a slicing with something else");
    return reply.sliced;
  }

  /** The document the updates make, as one update (gc on, as a Y.Doc is by default). */
  async snapshot(updates: Uint8Array[]): Promise<Uint8Array> {
    const reply = await this.ask((id) => ({ id, snapshot: updates }) satisfies SnapshotRequest);
    if (!("snapshot" in reply)) throw new Error("the load worker answered a snapshot with something else");
    return reply.snapshot;
  }

  private ask(request: (id: number) => SliceRequest | SnapshotRequest): Promise<WorkerReply> {
    const worker = this.started();
    const id = this.nextId++;
    // Held while it owes an answer: a compaction at shutdown has only the worker left to wait for.
    worker.ref();
    return new Promise<WorkerReply>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage(request(id));
    }).finally(() => {
      if (this.waiting.size === 0) this.worker?.unref();
    });
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const yjs = createRequire(import.meta.url).resolve("yjs");
    const code = `(${serveSlices.toString()})(require(${JSON.stringify(yjs)}), require("node:worker_threads").parentPort)`;
    const worker = new Worker(code, { eval: true });
    worker.unref();
    worker.on("message", (reply: WorkerReply) => {
      const waiter = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if ("error" in reply) waiter?.reject(new Error(reply.error));
      else waiter?.resolve(reply);
    });
    const fail = (error: Error) => {
      this.worker = undefined;
      for (const waiter of this.waiting.values()) waiter.reject(error);
      this.waiting.clear();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`the load worker exited (${code})`)));
    this.worker = worker;
    return worker;
  }
}

export const sliceWorker = new SliceWorker();
