import type { Deps } from '../../domain/ports.js';
import type { Db } from '../dynamo.js';
import { ledgerRepository } from '../ledger.js';
import { accountRepository } from './accounts.js';
import { groupBuyRepository } from './group-buys.js';
import { orderRepository } from './orders.js';
import { idempotencyStore } from './idempotency.js';
import { organizationRepository } from './organizations.js';
import { productRepository } from './products.js';
import { villageRepository } from './villages.js';

/** Every repository over one table. */
export function repositories(db: Db): Pick<Deps, 'villages' | 'products' | 'organizations' | 'accounts' | 'idempotency' | 'orders' | 'groupBuys' | 'ledger'> {
  return {
    villages: villageRepository(db),
    products: productRepository(db),
    organizations: organizationRepository(db),
    accounts: accountRepository(db),
    idempotency: idempotencyStore(db),
    orders: orderRepository(db),
    groupBuys: groupBuyRepository(db),
    ledger: ledgerRepository(db),
  };
}
