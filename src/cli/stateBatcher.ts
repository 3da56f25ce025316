/**
 * `/v1/state` with `--workers N`: bodies that arrive in the same turn of the event loop go to the
 * workers together, a few tasks of many bodies instead of a task each. A task costs two messages
 * between threads, which cost more than computing one ticket; under load many requests arrive per
 * turn, and batching them is what lets the workers take the computing off the thread that speaks
 * HTTP. A body alone in its turn goes alone, without waiting for company.
 */
import { type Answer, answerOf, answerState, type RequestContext } from './jsonRequests.js';
import type { ComputePool } from './pool.js';
import type { StateRequest } from './worker.js';

/** Bodies per task, at most: enough to amortize the messages, few enough to spread over workers. */
const maxPerTask = 32;

interface Waiting {
  readonly request: StateRequest;
  readonly context: RequestContext;
  readonly resolve: (answer: Answer) => void;
  readonly reject: (error: unknown) => void;
}

export class StateBatcher {
  private queue: Waiting[] = [];
  private scheduled = false;

  constructor(private readonly pool: ComputePool) {}

  /**
   * The answer to one body, computed by a worker (or here, if the worker failed: the same answer).
   * `context` is what this thread computes it with then.
   */
  answer(request: StateRequest, context: RequestContext): Promise<Answer> {
    return new Promise((resolve, reject) => {
      this.queue.push({ request, context, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // After the I/O callbacks of this turn: the other requests that arrived with this one.
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const queue = this.queue;
    this.queue = [];
    // As many tasks as threads (each at most `maxPerTask` bodies), so every worker gets a share.
    const perTask = Math.min(maxPerTask, Math.ceil(queue.length / this.pool.threads));
    for (let start = 0; start < queue.length; start += perTask) {
      const part = queue.slice(start, start + perTask);
      this.pool.runStates(part.map((waiting) => waiting.request)).then(
        (answers) => {
          part.forEach((waiting, i) => {
            waiting.resolve(answers[i] as Answer);
          });
        },
        () => {
          // Whatever stopped the worker, the bodies are answered here, in their place.
          for (const waiting of part) {
            try {
              waiting.resolve(answerOf(() => answerState(waiting.request.body, waiting.context)));
            } catch (error) {
              waiting.reject(error);
            }
          }
        },
      );
    }
  }
}
