import { existsSync } from 'node:fs';
import { request } from 'node:http';

/** Whether a Docker engine answers on its socket (testcontainers needs one). */
export function dockerAvailable(timeoutMs = 1500): Promise<boolean> {
  const socketPath = process.env.DOCKER_HOST?.startsWith('unix://') ? process.env.DOCKER_HOST.slice(7) : '/var/run/docker.sock';
  if (!process.env.DOCKER_HOST?.startsWith('tcp://') && !existsSync(socketPath)) return Promise.resolve(false);
  return new Promise((resolve) => {
    const req = request({ socketPath, path: '/_ping', timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
    req.end();
  });
}
