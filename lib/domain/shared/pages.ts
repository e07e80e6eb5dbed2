/** The number of the last page of `total` items, `pageSize` a page; an empty list still has page 1. */
export function lastPage(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}
