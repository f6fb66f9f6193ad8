// Bare child_process peer on a pipe of its own (fd 3, no IPC serialization): each
// newline-ended number comes back +1, the same way. The floor of weft's frame pipe.
import { Socket } from 'node:net';

const pipe = new Socket({ fd: 3, readable: true, writable: true });
let pending = '';
pipe.setEncoding('latin1');
pipe.on('data', (text) => {
  pending += text;
  let end;
  while ((end = pending.indexOf('\n')) >= 0) {
    pipe.write(`${Number(pending.slice(0, end)) + 1}\n`);
    pending = pending.slice(end + 1);
  }
});
pipe.on('end', () => process.exit(0));
