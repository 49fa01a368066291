import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/** A request from the orchestrator to a server process, and its answer. */
interface RpcRequest {
  id: number;
  command: string;
  args?: unknown;
}
interface RpcReply {
  id: number;
  ok: boolean;
  result?: unknown;
  error?: string;
}

export type CommandHandlers = Record<string, (args: any) => unknown>;

/** Child side: answers the orchestrator's commands until it disconnects, then exits. */
export function serveCommands(handlers: CommandHandlers): void {
  process.on('message', async (message: RpcRequest) => {
    const reply = (body: Omit<RpcReply, 'id'>) => process.send!({ id: message.id, ...body });
    const handler = handlers[message.command];
    try {
      if (!handler) throw new Error(`unknown command ${message.command}`);
      reply({ ok: true, result: await handler(message.args) });
    } catch (error) {
      reply({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  });
  // An orphaned server would hold its port and database; it goes with the orchestrator.
  process.on('disconnect', () => process.exit(0));
}

/** Orchestrator side: one server process, driven by commands. */
export class ServerProcess {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private exited = false;

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {
    child.on('message', (reply: RpcReply) => {
      const waiter = this.pending.get(reply.id);
      if (!waiter) return;
      this.pending.delete(reply.id);
      if (reply.ok) waiter.resolve(reply.result);
      else waiter.reject(new Error(`${name}: ${reply.error}`));
    });
    child.on('exit', (code, signal) => {
      this.exited = true;
      for (const waiter of this.pending.values()) waiter.reject(new Error(`${name} exited (code ${code}, signal ${signal})`));
      this.pending.clear();
    });
  }

  /**
   * Forks `server-process.js <role>` next to this file, with the given extra node flags. Every server runs with
   * NODE_ENV=production, as operators run them: graphql-js and Apollo skip their development-mode checks there.
   */
  static start(name: string, role: string, execArgv: string[] = []): ServerProcess {
    const child = fork(join(__dirname, 'server-process.js'), [role], { execArgv, env: { ...process.env, NODE_ENV: 'production' }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    return new ServerProcess(name, child);
  }

  /** Forks any module (production-server.ts: the server's own entry point with a preload that answers commands). */
  static fork(name: string, modulePath: string, options: { execArgv: string[]; env: NodeJS.ProcessEnv; onStdout?: (chunk: Buffer) => void }): ServerProcess {
    const child = fork(modulePath, [], { execArgv: options.execArgv, env: options.env, stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
    child.stdout!.on('data', options.onStdout ?? (() => undefined));
    return new ServerProcess(name, child);
  }

  get hasExited(): boolean {
    return this.exited;
  }

  get pid(): number {
    return this.child.pid!;
  }

  call<T>(command: string, args?: unknown): Promise<T> {
    if (this.exited) return Promise.reject(new Error(`${this.name} is not running`));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ id, command, args } satisfies RpcRequest);
    });
  }

  /** Asks the process to close its server and exit; kills it (by pid) if it does not within 10 s. */
  async stop(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.call('stop').catch(() => undefined);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}
