// Just enough of the Postgres wire protocol for the relay to keep warm sessions: framing, the startup
// message, and the few messages a session reset sends and waits for.

const PROTOCOL_3 = 196608;

/** Splits one direction of a session (after startup) into whole messages: type byte, int32 length, body. */
export class MessageFramer {
  private pending: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): Buffer[] {
    this.pending = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    const messages: Buffer[] = [];
    let offset = 0;
    while (this.pending.length - offset >= 5) {
      const size = 1 + this.pending.readInt32BE(offset + 1);
      if (this.pending.length - offset < size) break;
      messages.push(this.pending.subarray(offset, offset + size));
      offset += size;
    }
    this.pending = this.pending.subarray(offset);
    return messages;
  }
}

export const typeOf = (message: Buffer) => String.fromCharCode(message[0]!);

/** The client's first message when it is a protocol 3 StartupMessage (not an SSL or cancel request). */
export function startupMessage(head: Buffer): { startup: Buffer; rest: Buffer } | "incomplete" | "other" {
  if (head.length < 8) return "incomplete";
  const length = head.readInt32BE(0);
  if (head.readInt32BE(4) !== PROTOCOL_3) return "other";
  if (head.length < length) return "incomplete";
  return { startup: head.subarray(0, length), rest: head.subarray(length) };
}

const message = (type: string, body: Buffer) => {
  const header = Buffer.alloc(5);
  header.write(type, 0, "latin1");
  header.writeInt32BE(4 + body.length, 1);
  return Buffer.concat([header, body]);
};
const query = (sql: string) => message("Q", Buffer.from(`${sql}\0`, "utf8"));

/**
 * What a pooler sends to hand a session to its next client as if new: Sync ends any unfinished
 * extended-protocol exchange, ROLLBACK any transaction, DISCARD ALL every setting, prepared statement,
 * temporary table, advisory lock and LISTEN.
 */
export const SESSION_RESET = Buffer.concat([message("S", Buffer.alloc(0)), query("ROLLBACK"), query("DISCARD ALL")]);

export const isDiscardAllDone = (m: Buffer) => typeOf(m) === "C" && m.toString("latin1", 5, m.length - 1) === "DISCARD ALL";
/** ReadyForQuery with no transaction open. */
export const isIdle = (m: Buffer) => typeOf(m) === "Z" && m[5] === 0x49;
/** AuthenticationOk: the server asked for no password (trust), so the session can be handed on. */
export const isAuthenticationOk = (m: Buffer) => typeOf(m) === "R" && m.readInt32BE(5) === 0;
