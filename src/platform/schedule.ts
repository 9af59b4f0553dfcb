/**
 * Periodic work the platform runs for apps (`ctx.schedule`): paste's sweeper, the identity
 * provider's key-rotation check, links' click-count flush.
 *
 * A task never overlaps itself (the next run is timed from the end of the last), a failure is
 * logged with the task's name and counted (`tailyard_scheduled_task_failures_total`) and the task
 * keeps its schedule, and `stop()` (on shutdown, before the app's close hooks and its database
 * close) cancels the timers and waits for runs in progress. Timers are unref'd: they never keep
 * the process alive.
 *
 * @example
 *   ctx.schedule('sweep expired pastes', 60_000, () => service.sweep(), { runAtStart: true });
 */
export interface ScheduleOptions {
  /** Also run once now, when the task is scheduled. */
  runAtStart?: boolean;
}

/** What apps call: `schedule(name, everyMs, fn, options?)`. */
export type Schedule = (name: string, everyMs: number, fn: () => void | Promise<void>, options?: ScheduleOptions) => void;

interface Task {
  name: string;
  everyMs: number;
  fn: () => void | Promise<void>;
  timer?: NodeJS.Timeout;
  running?: Promise<void>;
}

/** The periodic tasks of one app. */
export class Scheduler {
  readonly #tasks: Task[] = [];
  #stopped = false;

  constructor(
    private readonly log: { error(obj: object, msg: string): void },
    private readonly onFailure: (task: string) => void = () => {},
  ) {}

  /** Adds a task (see the module comment). */
  readonly schedule: Schedule = (name, everyMs, fn, options = {}) => {
    if (!(everyMs > 0)) throw new Error(`scheduled task "${name}": the period must be a positive number of milliseconds, not ${everyMs}`);
    if (this.#stopped) throw new Error(`scheduled task "${name}": the app is shutting down`);
    const task: Task = { name, everyMs, fn };
    this.#tasks.push(task);
    if (options.runAtStart) this.#run(task);
    else this.#arm(task);
  };

  /** Cancels every timer and waits for the runs in progress. */
  async stop(): Promise<void> {
    this.#stopped = true;
    for (const t of this.#tasks) clearTimeout(t.timer);
    await Promise.all(this.#tasks.map((t) => t.running));
  }

  #arm(task: Task): void {
    if (this.#stopped) return;
    task.timer = setTimeout(() => this.#run(task), task.everyMs);
    task.timer.unref();
  }

  #run(task: Task): void {
    const failed = (err: unknown) => {
      this.onFailure(task.name);
      this.log.error({ task: task.name, err: err instanceof Error ? err.message : String(err) }, 'scheduled task failed');
    };
    let result: void | Promise<void>;
    try {
      result = task.fn();
    } catch (err) {
      failed(err);
      this.#arm(task);
      return;
    }
    task.running = Promise.resolve(result)
      .catch(failed)
      .finally(() => {
        task.running = undefined;
        this.#arm(task);
      });
  }
}
