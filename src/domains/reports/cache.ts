// A short-lived cache of figures computed from records, shared by everyone reading the same
// organisation's reports: twenty board members opening the dashboard at once share one
// computation, and a figure is never more than `seconds` old. Keyed by organisation, period and
// the day the records are read as of; what officers enter (assurance levels, measure values) is
// never cached.

export interface FiguresCache {
  get<T>(key: string, compute: () => Promise<T>): Promise<T>;
}

export function figuresCache(seconds: number, now: () => number = Date.now): FiguresCache {
  const entries = new Map<string, { expires: number; value: Promise<unknown> }>();
  return {
    get<T>(key: string, compute: () => Promise<T>): Promise<T> {
      if (seconds <= 0) return compute();
      const time = now();
      const found = entries.get(key);
      if (found && found.expires > time) return found.value as Promise<T>;
      for (const [stale, entry] of entries) if (entry.expires <= time) entries.delete(stale);
      const value = compute();
      entries.set(key, { expires: time + seconds * 1000, value });
      // A failed computation is not kept.
      value.catch(() => entries.delete(key));
      return value;
    },
  };
}
