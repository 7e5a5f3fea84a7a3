// A port on 127.0.0.1 that nobody listens on now (one the system just handed out and took back):
// the benches' and npm test's preview servers use it, since a fixed port fails when an earlier server still holds it.
import { createServer } from 'node:net';

export const freePort = () =>
  new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
