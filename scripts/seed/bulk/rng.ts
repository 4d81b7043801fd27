/**
 * A small seeded PRNG (mulberry32) for the bulk seeder: faker costs ~90 µs per lead, this a few
 * nanoseconds per draw, and a million leads need tens of millions of draws.
 */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** A whole number of milliseconds in [from, to); `from` when the span is empty. */
  between(from: number, to: number): number {
    return to <= from ? from : from + Math.floor(this.next() * (to - from));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error("pick from an empty list");
    return item;
  }

  /** `n` digits, the first not zero (as faker.string.numeric with allowLeadingZeros: false). */
  digits(n: number): string {
    let out = String(this.int(1, 9));
    for (let i = 1; i < n; i++) out += String(this.int(0, 9));
    return out;
  }
}

/** A weighted choice prepared once: cumulative weights, then one draw and a short scan per pick. */
export class Weighted<T extends string> {
  private readonly values: T[] = [];
  private readonly cumulative: number[] = [];
  private readonly total: number;

  constructor(weights: Readonly<Record<T, number>>) {
    let sum = 0;
    for (const [value, weight] of Object.entries(weights) as [T, number][]) {
      if (weight <= 0) continue;
      sum += weight;
      this.values.push(value);
      this.cumulative.push(sum);
    }
    if (sum <= 0) throw new Error("weights must not all be zero");
    this.total = sum;
  }

  pick(rng: Rng): T {
    const r = rng.next() * this.total;
    for (let i = 0; i < this.cumulative.length; i++) {
      if (r < (this.cumulative[i] ?? 0)) return this.values[i] as T;
    }
    return this.values[this.values.length - 1] as T;
  }
}
