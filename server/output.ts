/*
 * The console's stdout and stderr belong to whoever started it (a terminal, systemd, a pipe into
 * a log shipper). If that reader goes away, writing raises EPIPE, as an 'error' event that would
 * otherwise crash the process. The console keeps serving; the lost lines are counted.
 */

let lostWrites = 0;
let installed = false;
const broken = new WeakSet<NodeJS.WritableStream>();

/** How many writes were dropped because stdout or stderr could not be written. */
export function droppedOutputWrites(): number {
  return lostWrites;
}

/** Installs the 'error' handlers on stdout and stderr (once; safe to call again). */
export function keepOutputErrorsHarmless(): void {
  if (installed) return;
  installed = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', () => {
      // EPIPE, EIO, …: the reader is gone; stop trying.
      broken.add(stream);
    });
  }
}

/** Writes unless the stream has failed before; never throws. */
export function safeWrite(stream: NodeJS.WritableStream, text: string): void {
  if (broken.has(stream)) {
    lostWrites++;
    return;
  }
  try {
    stream.write(text);
  } catch {
    broken.add(stream);
    lostWrites++;
  }
}
