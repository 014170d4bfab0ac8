import * as Y from "yjs";

/** What a participant's update may be, checked before any of it is applied. */
export interface UpdateRules {
  /** Structs (items, deletions kept as GC, skipped ranges) in one update. */
  maxUpdateItems: number;
  /** Shared types an item may lie within, counting the document's root type. */
  maxUpdateDepth: number;
}

export type UpdateVerdict =
  | { ok: true }
  | {
      ok: false;
      /** items or depth: past a limit; missing: builds on content the document lacks. */
      rule: "items" | "depth" | "missing";
      reason: string;
    };

type Struct = Y.Item | Y.GC | Y.Skip;

/**
 * Checks an update against the document it is for, without applying it: how many structs it holds,
 * how deep its types nest (within the update and below the types of the document it lands in), and
 * that everything it builds on is in the document or in the update itself. An update that fails the
 * last check would stay pending inside the document: never stored, yet sent to every newcomer.
 * Malformed bytes throw.
 */
export function checkUpdate(doc: Y.Doc, update: Uint8Array, rules: UpdateRules): UpdateVerdict {
  const { structs, ds } = Y.decodeUpdate(update);
  if (structs.length > rules.maxUpdateItems) {
    return { ok: false, rule: "items", reason: `more than ${rules.maxUpdateItems} items in one update` };
  }
  const incoming = new Incoming(doc, structs);
  const missing = { ok: false, rule: "missing", reason: "the update builds on content the relay lacks" } as const;
  if (!incoming.contiguous()) return missing;
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    const { origin, rightOrigin, parent } = struct;
    for (const id of [origin, rightOrigin, parent instanceof Y.ID ? parent : null]) {
      if (id && !incoming.holds(id)) return missing;
    }
  }
  for (const [client, deletions] of ds.clients) {
    for (const { clock, len } of deletions) if (!incoming.holds(Y.createID(client, clock + len - 1))) return missing;
  }
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    const depth = incoming.depthOf(struct);
    if (depth === undefined) return missing;
    if (depth > rules.maxUpdateDepth) {
      return { ok: false, rule: "depth", reason: `types nested more than ${rules.maxUpdateDepth} deep` };
    }
  }
  return { ok: true };
}

/** An update's structs, by client, against the document they would be applied to. */
class Incoming {
  private readonly byClient = new Map<number, Struct[]>();
  /** Each client's clock once the update is applied. */
  private readonly states = new Map<number, number>();
  /** How many types enclose each item of the update. */
  private readonly depths = new Map<Y.Item, number>();
  /** How many types enclose the items of each type of the document. */
  private readonly typeDepths = new Map<Y.AbstractType<unknown>, number>();

  constructor(
    private readonly doc: Y.Doc,
    structs: readonly Struct[],
  ) {
    for (const struct of structs) {
      const list = this.byClient.get(struct.id.client);
      if (list) list.push(struct);
      else this.byClient.set(struct.id.client, [struct]);
    }
  }

  /**
   * Whether each client's structs continue the document's without a gap, as Yjs integrates them (a
   * struct whose start the document has not reached waits as pending). Records the resulting clocks.
   */
  contiguous(): boolean {
    for (const [client, list] of this.byClient) {
      let state = Y.getState(this.doc.store, client);
      for (const struct of list) {
        if (struct instanceof Y.Skip) continue;
        if (struct.id.clock > state) return false;
        state = Math.max(state, struct.id.clock + struct.length);
      }
      this.states.set(client, state);
    }
    return true;
  }

  /** Whether the document or the update holds this id. */
  holds(id: Y.ID): boolean {
    return id.clock < (this.states.get(id.client) ?? Y.getState(this.doc.store, id.client));
  }

  /**
   * How many types enclose an item, or undefined when its references go round in a circle. Iterative,
   * as a chain of items (each placed after the last) may be as long as the update.
   */
  depthOf(item: Y.Item): number | undefined {
    const stack = [item];
    const onStack = new Set(stack);
    for (let top = stack.at(-1); top; top = stack.at(-1)) {
      const next = this.step(top);
      const known = "depth" in next ? next.depth : this.depths.get(next.item);
      if (known !== undefined) {
        this.depths.set(top, known + ("add" in next ? next.add : 0));
        onStack.delete(stack.pop() as Y.Item);
        continue;
      }
      if (!("item" in next) || onStack.has(next.item)) return undefined;
      stack.push(next.item);
      onStack.add(next.item);
    }
    return this.depths.get(item);
  }

  /** An item's depth, or the item of the update it follows (its parent's, plus one, or a neighbour's). */
  private step(item: Y.Item): { depth: number } | { item: Y.Item; add: number } {
    // Decoded, not integrated: the parent is a root type's name, the id of the item holding it, or
    // null (then it is the parent of the item's neighbour).
    const parent: unknown = item.parent;
    if (typeof parent === "string") return { depth: 1 };
    if (parent instanceof Y.ID) {
      const holder = this.inUpdate(parent) ?? Y.getItem(this.doc.store, parent);
      if (!(holder instanceof Y.Item) || !(holder.content instanceof Y.ContentType)) return { depth: 0 };
      if (this.inUpdate(parent)) return { item: holder, add: 1 };
      return { depth: this.typeDepth(holder.content.type) };
    }
    const neighbour = item.origin ?? item.rightOrigin;
    if (!neighbour) return { depth: 0 };
    const near = this.inUpdate(neighbour);
    if (near) return near instanceof Y.Item ? { item: near, add: 0 } : { depth: 0 };
    const placed = Y.getItem(this.doc.store, neighbour);
    const type = placed instanceof Y.Item ? placed.parent : null;
    return { depth: type instanceof Y.AbstractType ? this.typeDepth(type) : 0 };
  }

  /** The struct of the update holding `id`, unless the document already holds it. */
  private inUpdate(id: Y.ID): Struct | undefined {
    if (id.clock < Y.getState(this.doc.store, id.client)) return undefined;
    const list = this.byClient.get(id.client) ?? [];
    let [low, high] = [0, list.length - 1];
    while (low <= high) {
      const middle = (low + high) >> 1;
      const struct = list[middle] as Struct;
      if (id.clock < struct.id.clock) high = middle - 1;
      else if (id.clock >= struct.id.clock + struct.length) low = middle + 1;
      else return struct;
    }
    return undefined;
  }

  /** How many types enclose the items of a document's type: 1 in a root type. */
  private typeDepth(type: Y.AbstractType<unknown>): number {
    const chain: Y.AbstractType<unknown>[] = [];
    let depth = 0;
    for (let current: unknown = type; current instanceof Y.AbstractType; current = current._item?.parent) {
      const known = this.typeDepths.get(current);
      if (known !== undefined) {
        depth = known;
        break;
      }
      chain.push(current);
    }
    for (const current of chain.reverse()) this.typeDepths.set(current, ++depth);
    return depth;
  }
}
