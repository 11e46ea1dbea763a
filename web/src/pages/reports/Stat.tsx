import type { ComponentChildren } from 'preact';

/** One figure of a report: its name, the figure, and an optional line on how it was reached. */
export function Stat({ label, children, note, id }: { label: string; children: ComponentChildren; note?: ComponentChildren; id?: string }) {
  return (
    <div class="stat" data-stat={id}>
      <dt>{label}</dt>
      <dd>{children}</dd>
      {note && <dd class="stat-note">{note}</dd>}
    </div>
  );
}
