import { NotFound } from './NotFound';

/** Stands in for a page of an area still being built, so routes and chunks exist before the pages do. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function Pending(_props: any) {
  return <NotFound />;
}
