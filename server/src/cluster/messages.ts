import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";

/** What relay processes tell each other on a document's channel. */
export type DocumentMessage =
  /** A batch stored with sequence numbers `first` to `last`, merged into one update. */
  | { kind: "batch"; first: number; last: number; update: Uint8Array }
  /** Presence changes of a process's participants (a y-protocols awareness update). */
  | { kind: "presence"; process: string; update: Uint8Array }
  /** A process that just loaded the document asks the others for the presence they hold. */
  | { kind: "presence-asked"; process: string };

const KINDS = ["batch", "presence", "presence-asked"] as const;

export function documentChannel(docName: string): string {
  return `journeyboard:doc:${docName}`;
}

/** Where revocations go: every process holding the board reads its link generations again. */
export const REVOCATIONS = "journeyboard:revocations";

export function encodeMessage(message: DocumentMessage): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, KINDS.indexOf(message.kind));
  if (message.kind === "batch") {
    encoding.writeVarUint(encoder, message.first);
    encoding.writeVarUint(encoder, message.last);
    encoding.writeVarUint8Array(encoder, message.update);
  } else {
    encoding.writeVarString(encoder, message.process);
    if (message.kind === "presence") encoding.writeVarUint8Array(encoder, message.update);
  }
  return encoding.toUint8Array(encoder);
}

/** Decodes a message; malformed bytes throw. */
export function decodeMessage(bytes: Uint8Array): DocumentMessage {
  const decoder = decoding.createDecoder(bytes);
  const kind = KINDS[decoding.readVarUint(decoder)];
  if (kind === "batch") {
    const first = decoding.readVarUint(decoder);
    const last = decoding.readVarUint(decoder);
    return { kind, first, last, update: decoding.readVarUint8Array(decoder) };
  }
  if (kind === undefined) throw new Error("unknown message kind");
  const process = decoding.readVarString(decoder);
  return kind === "presence"
    ? { kind, process, update: decoding.readVarUint8Array(decoder) }
    : { kind: "presence-asked", process };
}
