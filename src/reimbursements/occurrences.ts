/**
 * Counts how often each content hash occurs in one file, for twin rows. An open-addressing
 * table in typed arrays rather than a Map: a million rows cost 24 MB and no garbage, where
 * a Map of numbers costs several times that and keeps the collector busy.
 */
export class OccurrenceCounter {
  private hi = new Uint32Array(1 << 12);
  private lo = new Uint32Array(1 << 12);
  /** Occurrences so far; 0 marks an empty slot. */
  private count = new Uint32Array(1 << 12);
  private size = 0;

  /** Records one more occurrence of the key (hi: upper bits, lo: lower 32 bits) and returns how many came before. */
  next(hi: number, lo: number): number {
    if (this.size * 2 >= this.count.length) this.grow();
    const mask = this.count.length - 1;
    let i = lo & mask;
    while (this.count[i] !== 0) {
      if (this.lo[i] === lo && this.hi[i] === hi) return this.count[i]!++;
      i = (i + 1) & mask;
    }
    this.hi[i] = hi;
    this.lo[i] = lo;
    this.count[i] = 1;
    this.size++;
    return 0;
  }

  private grow(): void {
    const { hi, lo, count } = this;
    this.hi = new Uint32Array(count.length * 2);
    this.lo = new Uint32Array(count.length * 2);
    this.count = new Uint32Array(count.length * 2);
    const mask = this.count.length - 1;
    for (let j = 0; j < count.length; j++) {
      if (count[j] === 0) continue;
      let i = lo[j]! & mask;
      while (this.count[i] !== 0) i = (i + 1) & mask;
      this.hi[i] = hi[j]!;
      this.lo[i] = lo[j]!;
      this.count[i] = count[j]!;
    }
  }
}
