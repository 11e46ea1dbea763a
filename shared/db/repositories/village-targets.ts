import type { VillageTargetsReader } from '../../domain/ports.js';
import { VillageTargets } from '../../domain/village.js';
import { batchGetItems, type Db } from '../dynamo.js';
import { villageTargetsKey } from '../keys.js';

/** BatchGetItem's limit of keys per request. */
const BATCH = 100;

/** Many villages' targets of one year (V3′: BatchGetItem of V3 keys). */
export function villageTargetsReader(db: Db): VillageTargetsReader {
  return {
    async ofYear(villageIds, year) {
      const unique = [...new Set(villageIds)];
      const out: VillageTargets[] = [];
      for (let i = 0; i < unique.length; i += BATCH) {
        const ids = unique.slice(i, i + BATCH);
        out.push(...(await batchGetItems(db, ids.map((id) => villageTargetsKey(id, year)), VillageTargets, (t) => t.villageId, ids)));
      }
      return out;
    },
  };
}
