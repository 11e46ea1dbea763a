/** Moves focus to the page's heading (after the element that had focus disappeared). */
export function focusMainHeading(): void {
  const h1 = document.querySelector<HTMLElement>('main h1');
  if (!h1) return;
  h1.tabIndex = -1;
  h1.focus();
}

/** Moves focus to the first control marked invalid under `root`, else to its first alert. */
export function focusFirstInvalid(root: ParentNode | null = document): void {
  const el =
    root?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? root?.querySelector<HTMLElement>('[role="alert"]');
  el?.focus();
}
