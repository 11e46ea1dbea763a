import type { Deps } from '../../domain/ports.js';
import type { Db } from '../dynamo.js';
import { accountRepository } from './accounts.js';
import { idempotencyStore } from './idempotency.js';
import { organizationRepository } from './organizations.js';
import { productRepository } from './products.js';
import { villageRepository } from './villages.js';

/** Every repository over one table. */
export function repositories(db: Db): Pick<Deps, 'villages' | 'products' | 'organizations' | 'accounts' | 'idempotency'> {
  return {
    villages: villageRepository(db),
    products: productRepository(db),
    organizations: organizationRepository(db),
    accounts: accountRepository(db),
    idempotency: idempotencyStore(db),
  };
}
