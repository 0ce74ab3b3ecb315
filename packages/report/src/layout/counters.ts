// CSS counters with their scopes (CSS Lists 3 §4.5, CSS 2.1 §12.4.1): `counter-reset` makes a new
// counter for the element, its descendants and its following siblings, nested in any counter of
// the same name from further out; `counters()` reads every level, outermost first.

import type { ElementNode } from '../html.js';

interface Instance {
  value: number;
  /** The parent of the element that made it: the counter ends with that element. */
  owner: ElementNode | undefined;
}

/** The counters in scope where layout has come to. */
export class Counters {
  private readonly byName = new Map<string, Instance[]>();

  /** `counter-reset` on `el`: replaces a counter a preceding sibling made, else nests a new one. */
  reset(name: string, value: number, el: ElementNode): void {
    let stack = this.byName.get(name);
    if (!stack) {
      stack = [];
      this.byName.set(name, stack);
    }
    const top = stack[stack.length - 1];
    if (top && top.owner === el.parent) top.value = value;
    else stack.push({ value, owner: el.parent });
  }

  /** `counter-increment`: a counter that does not exist yet is made on the element first. */
  increment(name: string, by: number, el: ElementNode): void {
    const stack = this.byName.get(name);
    const top = stack?.[stack.length - 1];
    if (top) top.value += by;
    else this.reset(name, by, el);
  }

  /**
   * `counter-set` on `el`: gives the innermost counter of that name its value, without a new scope
   * (CSS Lists 3 §4.3); a counter that does not exist yet is made on the element first.
   */
  set(name: string, value: number, el: ElementNode): void {
    const stack = this.byName.get(name);
    const top = stack?.[stack.length - 1];
    if (top) top.value = value;
    else this.reset(name, value, el);
  }

  /** The innermost counter's value (0 if there is none). */
  value(name: string): number {
    const stack = this.byName.get(name);
    return stack?.[stack.length - 1]?.value ?? 0;
  }

  /** Every level's value, outermost first (`counters()`); [0] if there is none. */
  values(name: string): number[] {
    const stack = this.byName.get(name);
    return stack && stack.length > 0 ? stack.map((i) => i.value) : [0];
  }

  /** Ends the counters made by the children of `el` (their scope closes with it). */
  leave(el: ElementNode): void {
    for (const stack of this.byName.values())
      while (stack.length > 0 && (stack[stack.length - 1] as Instance).owner === el) stack.pop();
  }
}
