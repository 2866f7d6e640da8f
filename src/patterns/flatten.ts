// Flattens an event into its leaves: dot-joined path, value, and the array elements it sits in
// (its "trail": pairs of array id and index), which array consistency compares.

/** A leaf of an event with its path and trail. */
export interface EventLeaf {
  path: string;
  value: string | number | boolean | null;
  trail: number[];
}

/** Every leaf of an event (objects inside arrays included); empty arrays and objects have none. */
export function flattenEvent(event: unknown): EventLeaf[] {
  const leaves: EventLeaf[] = [];
  let arrays = 0;
  const visit = (value: unknown, path: string, trail: number[]): void => {
    if (Array.isArray(value)) {
      const id = arrays++;
      value.forEach((item, index) => visit(item, path, [...trail, id, index]));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value))
        visit(child, path === '' ? key : `${path}.${key}`, trail);
    } else if (path !== '') {
      leaves.push({ path, value: value as EventLeaf['value'], trail });
    }
  };
  visit(event, '', []);
  return leaves;
}

/** True when two trails agree on every array they share (same element of each common array). */
export function trailsCompatible(a: readonly number[], b: readonly number[]): boolean {
  const n = Math.min(a.length, b.length);
  for (let k = 0; k < n && a[k] === b[k]; k += 2) {
    if (a[k + 1] !== b[k + 1]) return false;
  }
  return true;
}
