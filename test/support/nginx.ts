// A real nginx (Debian's) started by a test: its own config and files in a temp folder, a
// free port, stopped by its process id. For tests of the static export and caching proxies.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx';

export interface RunningNginx {
  url: string;
  port: number;
  /** The temp folder: config, logs, cache. */
  dir: string;
  stop(): Promise<void>;
}

/** A port nothing listens on right now (the OS picks it). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function accepting(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Starts nginx with `http` block directives written by `httpBlock(port, dir)`; the server it
 * declares must listen on 127.0.0.1:port. Resolves once nginx accepts connections.
 */
export async function startNginx(
  httpBlock: (port: number, dir: string) => string,
): Promise<RunningNginx> {
  const dir = await mkdtemp(path.join(tmpdir(), 'explainer-nginx-'));
  await mkdir(path.join(dir, 'temp'));
  const port = await freePort();
  const conf = [
    // As root (CI containers), the workers would run as nobody and could not read the temp folder.
    process.getuid?.() === 0 ? 'user root;' : '',
    'daemon off;',
    'master_process on;',
    'worker_processes 1;',
    `pid ${dir}/nginx.pid;`,
    `error_log ${dir}/error.log warn;`,
    'events { worker_connections 1024; }',
    'http {',
    '  include /etc/nginx/mime.types;',
    '  default_type application/octet-stream;',
    '  access_log off;',
    `  client_body_temp_path ${dir}/temp/body;`,
    `  proxy_temp_path ${dir}/temp/proxy;`,
    `  fastcgi_temp_path ${dir}/temp/fastcgi;`,
    `  uwsgi_temp_path ${dir}/temp/uwsgi;`,
    `  scgi_temp_path ${dir}/temp/scgi;`,
    httpBlock(port, dir),
    '}',
    '',
  ].join('\n');
  await writeFile(path.join(dir, 'nginx.conf'), conf);
  const child: ChildProcess = spawn(
    NGINX,
    ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-e', path.join(dir, 'error.log')],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (let i = 0; i < 100 && !(await accepting(port)); i++) {
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  if (child.exitCode !== null || !(await accepting(port))) {
    const log = await readFile(path.join(dir, 'error.log'), 'utf8').catch(() => '');
    child.kill('SIGKILL');
    throw new Error(`nginx did not start.\n${stderr}\n${log}`);
  }
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dir,
    async stop() {
      // SIGQUIT: nginx's graceful shutdown of the master and its workers.
      if (child.exitCode === null) child.kill('SIGQUIT');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
