import type { Server } from 'node:http';

/**
 * Stops accepting connections and resolves once the requests in flight have been answered. A keep-alive
 * connection is closed as soon as it is idle (otherwise each one holds the close for its keep-alive timeout);
 * whatever is still open after `deadlineMs` is cut.
 */
export function closeGracefully(server: Server, deadlineMs: number): Promise<void> {
  return new Promise((resolve) => {
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    const deadline = setTimeout(() => server.closeAllConnections(), deadlineMs);
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(deadline);
      resolve();
    });
    server.closeIdleConnections();
  });
}
