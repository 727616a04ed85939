// Protocol Buffers without a schema: the wire format alone (varint, 64-bit, length-delimited,
// 32-bit). A buffer counts as protobuf only when every byte of it parses cleanly.

export type ProtoField =
  | { no: number; wire: 0; value: bigint }
  | { no: number; wire: 1; value: Buffer }
  | { no: number; wire: 2; value: Buffer }
  | { no: number; wire: 5; value: Buffer };

/** Field numbers above this are valid on the wire but a sign of random bytes, not a message. */
const PLAUSIBLE_FIELD_NO = 10_000;

function readVarint(b: Buffer, at: number): { value: bigint; next: number } | undefined {
  let result = 0n;
  let shift = 0n;
  for (let i = at; i < b.length && i < at + 10; i++) {
    const byte = b[i] ?? 0;
    result |= BigInt(byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return { value: result, next: i + 1 };
    shift += 7n;
  }
  return undefined;
}

/** The top-level fields, or undefined if the bytes are not a clean protobuf message. */
export function parseProtobuf(b: Buffer): ProtoField[] | undefined {
  if (b.length === 0) return undefined;
  const fields: ProtoField[] = [];
  let i = 0;
  while (i < b.length) {
    const key = readVarint(b, i);
    if (!key) return undefined;
    const no = Number(key.value >> 3n);
    const wire = Number(key.value & 7n);
    if (no < 1 || no > PLAUSIBLE_FIELD_NO) return undefined;
    i = key.next;
    if (wire === 0) {
      const v = readVarint(b, i);
      if (!v) return undefined;
      fields.push({ no, wire, value: v.value });
      i = v.next;
    } else if (wire === 1 || wire === 5) {
      const n = wire === 1 ? 8 : 4;
      if (i + n > b.length) return undefined;
      fields.push({ no, wire, value: b.subarray(i, i + n) });
      i += n;
    } else if (wire === 2) {
      const len = readVarint(b, i);
      if (!len || len.value > BigInt(b.length - len.next)) return undefined;
      const end = len.next + Number(len.value);
      fields.push({ no, wire, value: b.subarray(len.next, end) });
      i = end;
    } else {
      // Groups (3, 4) are deprecated and 6, 7 are invalid: treat as not-protobuf.
      return undefined;
    }
  }
  return fields;
}

/** gRPC frames a message with a 5-byte prefix (compressed flag, 4-byte length). */
export function unframeGrpc(b: Buffer): Buffer | undefined {
  if (b.length < 5 || (b[0] !== 0 && b[0] !== 1)) return undefined;
  const len = b.readUInt32BE(1);
  return len === b.length - 5 ? b.subarray(5) : undefined;
}
