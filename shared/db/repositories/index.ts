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
import { buybackRepository, marketPriceRepository } from './buyback.js';
import { exportRepository } from './exports.js';
import { pairingRepository } from './pairings.js';
import { pledgeRepository } from './pledges.js';
import { villageTargetsReader } from './village-targets.js';
import { weeklyReportRepository } from './weekly-reports.js';

/** Every repository over one table. */
export function repositories(db: Db): Pick<Deps, 'villages' | 'products' | 'organizations' | 'accounts' | 'idempotency' | 'orders' | 'groupBuys' | 'ledger' | 'buyback' | 'marketPrices' | 'villageTargets' | 'pairings' | 'pledges' | 'weeklyReports' | 'exports'> {
  return {
    villages: villageRepository(db),
    products: productRepository(db),
    organizations: organizationRepository(db),
    accounts: accountRepository(db),
    idempotency: idempotencyStore(db),
    orders: orderRepository(db),
    groupBuys: groupBuyRepository(db),
    ledger: ledgerRepository(db),
    buyback: buybackRepository(db),
    marketPrices: marketPriceRepository(db),
    villageTargets: villageTargetsReader(db),
    pairings: pairingRepository(db),
    pledges: pledgeRepository(db),
    weeklyReports: weeklyReportRepository(db),
    exports: exportRepository(db),
  };
}
