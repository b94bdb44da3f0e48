/** A GraphQL subscription opened over server-sent events, read as the test needs it. */
export interface EventStream {
  response: Response;
  /** The next `count` events `keep` accepts, or fewer once `ms` have passed. */
  events(count: number, ms?: number, keep?: (event: unknown) => boolean): Promise<unknown[]>;
  /** Everything the stream sent within `ms`. */
  text(ms: number): Promise<string>;
  close(): void;
}

/** POSTs a subscription with `Accept: text/event-stream`; the answer's headers mean it is set up. */
export async function subscribe(
  url: string,
  headers: Record<string, string>,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<EventStream> {
  const controller = new AbortController();
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
    body: JSON.stringify({ query, variables }),
    signal: controller.signal,
  });
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let received = '';

  /** Reads until `enough` says so or `ms` pass; a quiet stream simply runs out of time. */
  const readUntil = async (enough: () => boolean, ms: number) => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), ms);
    });
    try {
      while (!enough()) {
        const chunk = await Promise.race([reader.read(), timeout]);
        if (!chunk || chunk.done) break;
        received += decoder.decode(chunk.value, { stream: true });
      }
    } finally {
      clearTimeout(timer);
    }
  };
  const parsed = (keep: (event: unknown) => boolean) =>
    received
      .split('\n')
      .filter((line) => line.startsWith('data: '))
      .map((line) => JSON.parse(line.slice(6)) as unknown)
      .filter(keep);

  return {
    response,
    async events(count, ms = 5000, keep = () => true) {
      await readUntil(() => parsed(keep).length >= count, ms);
      return parsed(keep).slice(0, count);
    },
    async text(ms) {
      await readUntil(() => false, ms);
      return received;
    },
    close: () => controller.abort(),
  };
}
