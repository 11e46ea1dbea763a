import { PutCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { Guarantee, MarketPrice, Settlement, StoredDelivery, TermsVersion, type GuaranteeQuery } from '../../domain/buyback.js';
import { ConflictError, ReservationRefused } from '../../domain/errors.js';
import type { Sale } from '../../domain/sale.js';
import type { BuybackRepository, IdempotencyWrite, MarketPriceRepository } from '../../domain/ports.js';
import { batchGetItems, getItem, parseItem, queryAll, queryPage, transactWrite, withoutKeys, type Db } from '../dynamo.js';
import {
  GUARANTEES_CLOSING_PARTITION,
  GUARANTEES_PARTITION,
  MARKET_PRICES_PREFIX,
  PENDING_SETTLEMENTS_PARTITION,
  guaranteeClosingIndexKey,
  guaranteeClosingKey,
  guaranteeDeliveryKey,
  guaranteeKey,
  guaranteePartition,
  guaranteeTermsKey,
  guaranteesIndexKey,
  guaranteesOfOrganizationIndexKey,
  guaranteesOfOrganizationPartition,
  guaranteesOfVillagePrefix,
  marketPriceKey,
  paymentEventKey,
  pendingSettlementIndexKey,
  productKey,
  settlementKey,
  settlementsOfGuaranteeIndexKey,
  settlementsOfGuaranteePartition,
} from '../keys.js';
import { ledgerWrites } from '../ledger.js';
import { eventPut } from './orders.js';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** The guarantee item (B1), in the list of all guarantees by village (B2) and its organisation's (B3). */
export function guaranteeItem(guarantee: Guarantee) {
  return {
    ...guaranteeKey(guarantee.guaranteeId),
    ...guaranteesIndexKey(guarantee.villageId, guarantee.guaranteeId),
    ...guaranteesOfOrganizationIndexKey(guarantee.organizationId, guarantee.guaranteeId),
    entity: 'BuybackGuarantee',
    ...guarantee,
  };
}

export function termsItem(terms: TermsVersion) {
  return { ...guaranteeTermsKey(terms.guaranteeId, terms.version), entity: 'GuaranteeTerms', ...terms };
}

export function deliveryItem(delivery: StoredDelivery) {
  return { ...guaranteeDeliveryKey(delivery.guaranteeId, delivery.deliveryId), entity: 'BuybackDelivery', ...delivery };
}

/**
 * The closing entry (B6): exists only while the guarantee is offered (it lapses at `closesAt` if nobody decided)
 * or active (it closes then), so the scheduler's Query finds nothing else.
 */
export function closingItem(guaranteeId: string, closesAt: string) {
  return { ...guaranteeClosingKey(guaranteeId), ...guaranteeClosingIndexKey(closesAt, guaranteeId), entity: 'GuaranteeClosing', guaranteeId, closesAt };
}

/** The settlement (B7), listed under its guarantee (B8) and, while unpaid, by payment deadline (B9). */
export function settlementItem(settlement: Settlement) {
  return {
    ...settlementKey(settlement.settlementId),
    ...settlementsOfGuaranteeIndexKey(settlement.guaranteeId, settlement.settlementId),
    ...(settlement.status === 'pending_payment' ? pendingSettlementIndexKey(settlement.payBy, settlement.settlementId) : {}),
    entity: 'BuybackSettlement',
    ...settlement,
  };
}

export function marketPriceItem(price: MarketPrice) {
  return { ...marketPriceKey(price.productId, price.isoWeek), entity: 'MarketPrice', ...price };
}

/** A transaction item's condition failed because something moved since it was read: the caller decides again. */
class Stale extends Error {}

/** Runs a transaction whose condition failures other than those `explain` turns into domain errors mean "stale". */
async function transactOrStale(
  db: Db,
  items: TransactItem[],
  options: { idempotency?: IdempotencyWrite; explain?: (index: number, item?: Record<string, unknown>) => Error | undefined } = {},
): Promise<'done' | 'stale'> {
  try {
    await transactWrite(db, items, { idempotency: options.idempotency, onConditionFailed: (index, item) => options.explain?.(index, item) ?? new Stale() });
    return 'done';
  } catch (error) {
    if (error instanceof Stale) return 'stale';
    throw error;
  }
}

const put = (db: Db, Item: Record<string, unknown>, condition?: { expression: string; names?: Record<string, string>; values?: Record<string, unknown> }): TransactItem => ({
  Put: {
    TableName: db.tableName,
    Item,
    ...(condition
      ? {
          ConditionExpression: condition.expression,
          ...(condition.names ? { ExpressionAttributeNames: condition.names } : {}),
          ...(condition.values ? { ExpressionAttributeValues: condition.values } : {}),
        }
      : {}),
  },
});

const STATUS = { '#status': 'status' };

/** The guarantee as a failed condition saw it (returned with the cancellation), when it parses. */
function seenGuarantee(item: Record<string, unknown> | undefined): Guarantee | undefined {
  const parsed = item ? Guarantee.safeParse(withoutKeys(item)) : undefined;
  return parsed?.success ? parsed.data : undefined;
}

/** Buyback guarantees, their terms, deliveries and settlements in DynamoDB. */
export function buybackRepository(db: Db): BuybackRepository {
  /** The guarantee's own item must still be active, at the terms read, inside its window. */
  const openGuarantee = (guaranteeId: string, termsVersion: number, now: Date, update: { set?: string; add?: string; values?: Record<string, unknown> }, extra = '') => ({
    Update: {
      TableName: db.tableName,
      Key: guaranteeKey(guaranteeId),
      UpdateExpression: [update.add ? `ADD ${update.add}` : '', `SET updatedAt = :now${update.set ? `, ${update.set}` : ''}`].filter(Boolean).join(' '),
      ConditionExpression: `#status = :active AND termsVersion = :version AND closesAt > :now${extra}`,
      ExpressionAttributeNames: STATUS,
      ExpressionAttributeValues: { ':active': 'active', ':version': termsVersion, ':now': now.toISOString(), ...update.values },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
    },
  });

  /** Why an open-guarantee condition failed: closed is final, anything else (new terms) is worth deciding again. */
  const closedRefusal = (seen: Guarantee | undefined, now: Date, field: string): Error | undefined => {
    if (!seen || seen.status !== 'active' || seen.closesAt <= now.toISOString()) {
      return new ConflictError(`This guarantee is ${seen?.status === 'active' ? 'past the end of its window' : (seen?.status ?? 'gone')}; nothing more can be delivered or decided`, field);
    }
    return undefined;
  };

  /**
   * Money moved for a settlement (paid: +1, refunded: −1): the settlement and each of its deliveries leave the
   * status they were read in, the guarantee's paid counters move by the deliveries' amounts, and the sales (or
   * their reversals) and the event record are written with them, in one transaction.
   */
  async function moveSettlementMoney(input: {
    settlement: Settlement;
    deliveries: StoredDelivery[];
    sales: Sale[];
    eventId: string;
    from: { settlement: string; deliveries: string };
    sign: 1 | -1;
  }): Promise<boolean> {
    const { settlement, deliveries, sales, eventId, from, sign } = input;
    const amountFen = deliveries.reduce((sum, d) => sum + (d.pricing?.amountFen ?? 0), 0);
    const quantity = deliveries.reduce((sum, d) => sum + d.quantity, 0);
    const items: TransactItem[] = [
      put(db, settlementItem(settlement), { expression: '#status = :from', names: STATUS, values: { ':from': from.settlement } }),
      ...deliveries.map((delivery) =>
        put(db, deliveryItem(delivery), {
          expression: '#status = :from AND settlementId = :settlement',
          names: STATUS,
          values: { ':from': from.deliveries, ':settlement': settlement.settlementId },
        }),
      ),
      {
        Update: {
          TableName: db.tableName,
          Key: guaranteeKey(settlement.guaranteeId),
          UpdateExpression: 'ADD paidQuantity :quantity, paidFen :amount SET updatedAt = :now',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeValues: { ':quantity': sign * quantity, ':amount': sign * amountFen, ':now': settlement.updatedAt },
        },
      },
      ...ledgerWrites(db, sales),
      eventPut(db, eventId, new Date(settlement.updatedAt)),
    ];
    return (await transactOrStale(db, items)) === 'done';
  }

  return {
    async create(guarantee, terms, idempotency) {
      await transactWrite(
        db,
        [
          put(db, guaranteeItem(guarantee), { expression: 'attribute_not_exists(PK)' }),
          put(db, termsItem(terms), { expression: 'attribute_not_exists(PK)' }),
          // Written with the offer so that an offer nobody decides lapses when its window ends.
          put(db, closingItem(guarantee.guaranteeId, guarantee.closesAt)),
        ],
        { idempotency, onConditionFailed: () => new ConflictError('This guarantee already exists') },
      );
    },

    async get(guaranteeId) {
      const item = await getItem(db, guaranteeKey(guaranteeId));
      return item ? parseItem(Guarantee, item) : undefined;
    },

    async getRecord(guaranteeId) {
      const items = await queryAll(db, {
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': guaranteePartition(guaranteeId) },
        ConsistentRead: true,
      });
      const guaranteeRow = items.find((item) => item.entity === 'BuybackGuarantee');
      if (!guaranteeRow) return undefined;
      return {
        guarantee: parseItem(Guarantee, guaranteeRow),
        terms: items.filter((item) => item.entity === 'GuaranteeTerms').map((item) => parseItem(TermsVersion, item)),
        deliveries: items.filter((item) => item.entity === 'BuybackDelivery').map((item) => parseItem(StoredDelivery, item)),
      };
    },

    async getTerms(guaranteeId, version) {
      const item = await getItem(db, guaranteeTermsKey(guaranteeId, version));
      return item ? parseItem(TermsVersion, item) : undefined;
    },

    async getDelivery(guaranteeId, deliveryId) {
      const item = await getItem(db, guaranteeDeliveryKey(guaranteeId, deliveryId));
      return item ? parseItem(StoredDelivery, item) : undefined;
    },

    async getDeliveries(guaranteeId, deliveryIds) {
      return batchGetItems(db, deliveryIds.map((id) => guaranteeDeliveryKey(guaranteeId, id)), StoredDelivery, (d) => d.deliveryId, deliveryIds);
    },

    async list(query: GuaranteeQuery) {
      const filters: string[] = [];
      const values: Record<string, unknown> = {};
      if (query.status) {
        filters.push('#status = :status');
        values[':status'] = query.status;
      }
      if (query.organizationId && query.villageId) {
        filters.push('organizationId = :organizationId');
        values[':organizationId'] = query.organizationId;
      }
      const key = query.villageId
        ? { IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk AND begins_with(GSI1SK, :prefix)', values: { ':pk': GUARANTEES_PARTITION, ':prefix': guaranteesOfVillagePrefix(query.villageId) } }
        : query.organizationId
          ? { IndexName: 'GSI2', KeyConditionExpression: 'GSI2PK = :pk', values: { ':pk': guaranteesOfOrganizationPartition(query.organizationId) } }
          : { IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk', values: { ':pk': GUARANTEES_PARTITION } };
      const items = await queryAll(db, {
        IndexName: key.IndexName,
        KeyConditionExpression: key.KeyConditionExpression,
        ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
        ...(query.status ? { ExpressionAttributeNames: STATUS } : {}),
        ExpressionAttributeValues: { ...key.values, ...values },
      });
      // ULIDs sort by creation, so id order is age order whichever index was read.
      return items.map((item) => parseItem(Guarantee, item)).sort((a, b) => (a.guaranteeId < b.guaranteeId ? 1 : -1));
    },

    async decideOffer({ guaranteeId, status, terms, closesAt, now }) {
      const items: TransactItem[] = [
        {
          Update: {
            TableName: db.tableName,
            Key: guaranteeKey(guaranteeId),
            UpdateExpression: 'SET #status = :next, decidedAt = :now, updatedAt = :now',
            // Past its close an offer has lapsed, whether or not the scheduler has marked it yet.
            ConditionExpression: '#status = :offered AND closesAt > :now',
            ExpressionAttributeNames: STATUS,
            ExpressionAttributeValues: { ':next': status, ':now': now.toISOString(), ':offered': 'offered' },
          },
        },
        put(db, termsItem(terms)),
        // An accepted offer keeps its entry (put again, the same item) to be closed; a declined one has nothing left
        // to close or lapse.
        status === 'active' ? put(db, closingItem(guaranteeId, closesAt)) : { Delete: { TableName: db.tableName, Key: guaranteeClosingKey(guaranteeId) } },
      ];
      return (await transactOrStale(db, items)) === 'done';
    },

    async proposeAmendment({ guaranteeId, baseVersion, amendment, now, idempotency }) {
      await transactWrite(
        db,
        [
          {
            Update: {
              TableName: db.tableName,
              Key: guaranteeKey(guaranteeId),
              UpdateExpression: 'SET pendingAmendmentVersion = :proposed, lastTermsVersion = :proposed, updatedAt = :now',
              ConditionExpression: '#status = :active AND termsVersion = :base AND attribute_type(pendingAmendmentVersion, :null) AND lastTermsVersion = :last',
              ExpressionAttributeNames: STATUS,
              ExpressionAttributeValues: {
                ':proposed': amendment.version,
                ':now': now.toISOString(),
                ':active': 'active',
                ':base': baseVersion,
                ':null': 'NULL',
                ':last': amendment.version - 1,
              },
            },
          },
          put(db, termsItem(amendment), { expression: 'attribute_not_exists(PK)' }),
        ],
        { idempotency, onConditionFailed: () => new ConflictError('The guarantee changed meanwhile (another amendment, or it closed); reload it and try again', 'guaranteeId') },
      );
    },

    async acceptAmendment({ guarantee, amendment, closesAt, now }) {
      const maximum = amendment.maximumQuantity;
      return transactOrStale(
        db,
        [
          {
            Update: {
              TableName: db.tableName,
              Key: guaranteeKey(guarantee.guaranteeId),
              UpdateExpression: 'SET terms = :terms, termsVersion = :next, pendingAmendmentVersion = :none, closesAt = :closesAt, updatedAt = :now',
              ConditionExpression: `#status = :active AND termsVersion = :version AND pendingAmendmentVersion = :next AND closesAt > :now${maximum === null ? '' : ' AND acceptedQuantity <= :maximum'}`,
              ExpressionAttributeNames: STATUS,
              ExpressionAttributeValues: {
                ':terms': termsOf(amendment),
                ':next': amendment.version,
                ':none': null,
                ':closesAt': closesAt,
                ':now': now.toISOString(),
                ':active': 'active',
                ':version': guarantee.termsVersion,
                ...(maximum === null ? {} : { ':maximum': maximum }),
              },
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            },
          },
          put(db, termsItem(amendment), { expression: '#status = :proposed', names: STATUS, values: { ':proposed': 'proposed' } }),
          {
            Update: {
              TableName: db.tableName,
              Key: guaranteeTermsKey(guarantee.guaranteeId, guarantee.termsVersion),
              UpdateExpression: 'SET #status = :superseded',
              ExpressionAttributeNames: STATUS,
              ExpressionAttributeValues: { ':superseded': 'superseded' },
            },
          },
          put(db, closingItem(guarantee.guaranteeId, closesAt)),
        ],
        {
          explain: (index, item) => {
            if (index !== 0) return undefined;
            const seen = seenGuarantee(item);
            const closed = closedRefusal(seen, now, 'version');
            if (closed) return closed;
            if (seen && seen.termsVersion === guarantee.termsVersion && maximum !== null && seen.acceptedQuantity > maximum) {
              return new ConflictError(`${seen.acceptedQuantity} were already accepted, more than this amendment's maximum`, 'maximumQuantity');
            }
            return undefined;
          },
        },
      );
    },

    async declineAmendment({ guaranteeId, amendment, now }) {
      return transactOrStale(db, [
        {
          Update: {
            TableName: db.tableName,
            Key: guaranteeKey(guaranteeId),
            UpdateExpression: 'SET pendingAmendmentVersion = :none, updatedAt = :now',
            ConditionExpression: 'pendingAmendmentVersion = :version',
            ExpressionAttributeValues: { ':none': null, ':now': now.toISOString(), ':version': amendment.version },
          },
        },
        put(db, termsItem(amendment), { expression: '#status = :proposed', names: STATUS, values: { ':proposed': 'proposed' } }),
      ]);
    },

    async recordDelivery({ delivery, now, idempotency }) {
      return transactOrStale(
        db,
        [
          openGuarantee(delivery.guaranteeId, delivery.termsVersion, now, {
            add: 'offeredQuantity :quantity, deliveryCount :one',
            values: { ':quantity': delivery.quantity, ':one': 1 },
          }),
          put(db, deliveryItem(delivery), { expression: 'attribute_not_exists(PK)' }),
        ],
        {
          idempotency,
          explain: (index, item) => (index === 0 ? closedRefusal(seenGuarantee(item), now, 'deliveredOn') : new ConflictError('This delivery was already recorded')),
        },
      );
    },

    async acceptDelivery({ delivery, maximumQuantity, now }) {
      const pricing = delivery.pricing!;
      return transactOrStale(
        db,
        [
          openGuarantee(
            delivery.guaranteeId,
            delivery.pricing!.termsVersion,
            now,
            {
              add: 'acceptedQuantity :quantity, acceptedFen :amount',
              // No arithmetic in conditions: "accepted + quantity <= maximum" is "accepted <= maximum - quantity".
              values: { ':quantity': delivery.quantity, ':amount': pricing.amountFen, ...(maximumQuantity === null ? {} : { ':room': maximumQuantity - delivery.quantity }) },
            },
            maximumQuantity === null ? '' : ' AND acceptedQuantity <= :room',
          ),
          put(db, deliveryItem(delivery), { expression: '#status = :recorded', names: STATUS, values: { ':recorded': 'recorded' } }),
        ],
        {
          explain: (index, item) => {
            if (index !== 0) return undefined;
            const seen = seenGuarantee(item);
            const closed = closedRefusal(seen, now, 'deliveryId');
            if (closed) return closed;
            if (seen && maximumQuantity !== null && seen.termsVersion === pricing.termsVersion && seen.acceptedQuantity > maximumQuantity - delivery.quantity) {
              const left = Math.max(0, maximumQuantity - seen.acceptedQuantity);
              return new ReservationRefused('over_maximum', `Accepting ${delivery.quantity} would pass the maximum of ${maximumQuantity}; ${left} more may be accepted`, 'quantity');
            }
            return undefined;
          },
        },
      );
    },

    async rejectDelivery({ delivery, now }) {
      return transactOrStale(
        db,
        [
          {
            Update: {
              TableName: db.tableName,
              Key: guaranteeKey(delivery.guaranteeId),
              UpdateExpression: 'ADD rejectedQuantity :quantity SET updatedAt = :now',
              ConditionExpression: '#status = :active AND closesAt > :now',
              ExpressionAttributeNames: STATUS,
              ExpressionAttributeValues: { ':quantity': delivery.quantity, ':now': now.toISOString(), ':active': 'active' },
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            },
          },
          put(db, deliveryItem(delivery), { expression: '#status = :recorded', names: STATUS, values: { ':recorded': 'recorded' } }),
        ],
        { explain: (index, item) => (index === 0 ? closedRefusal(seenGuarantee(item), now, 'deliveryId') : undefined) },
      );
    },

    async createSettlement(settlement, deliveries, idempotency) {
      await transactWrite(
        db,
        [
          ...deliveries.map((delivery) =>
            put(db, deliveryItem(delivery), {
              expression: '#status = :accepted AND attribute_not_exists(settlementId)',
              names: STATUS,
              values: { ':accepted': 'accepted' },
            }),
          ),
          put(db, settlementItem(settlement), { expression: 'attribute_not_exists(PK)' }),
        ],
        {
          idempotency,
          onConditionFailed: (index) =>
            index < deliveries.length
              ? new ConflictError('This delivery is no longer owed (it is being paid, or was paid, meanwhile); reload and try again', `deliveryIds.${index}`)
              : new ConflictError('This settlement already exists'),
        },
      );
    },

    async getSettlement(settlementId) {
      const item = await getItem(db, settlementKey(settlementId));
      return item ? parseItem(Settlement, item) : undefined;
    },

    async listSettlements(guaranteeId) {
      const items = await queryAll(db, {
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': settlementsOfGuaranteePartition(guaranteeId) },
      });
      return items.map((item) => parseItem(Settlement, item));
    },

    settlementPaid: ({ settlement, deliveries, sales, eventId }) =>
      moveSettlementMoney({ settlement, deliveries, sales, eventId, from: { settlement: 'pending_payment', deliveries: 'settling' }, sign: 1 }),

    settlementRefunded: ({ settlement, deliveries, sales, eventId }) =>
      moveSettlementMoney({ settlement, deliveries, sales, eventId, from: { settlement: 'paid', deliveries: 'paid' }, sign: -1 }),

    async settlementFailed({ settlement, deliveries, eventId }) {
      const items: TransactItem[] = [
        put(db, settlementItem(settlement), { expression: '#status = :pending', names: STATUS, values: { ':pending': 'pending_payment' } }),
        ...deliveries.map((delivery) =>
          put(db, deliveryItem(delivery), {
            expression: '#status = :settling AND settlementId = :settlement',
            names: STATUS,
            values: { ':settling': 'settling', ':settlement': settlement.settlementId },
          }),
        ),
        ...(eventId ? [eventPut(db, eventId, new Date(settlement.updatedAt))] : []),
      ];
      return (await transactOrStale(db, items)) === 'done';
    },

    async listSettlementsOverdue(now, limit) {
      const page = await queryPage(db, {
        IndexName: 'GSI2',
        KeyConditionExpression: 'GSI2PK = :pk AND GSI2SK < :now',
        ExpressionAttributeValues: { ':pk': PENDING_SETTLEMENTS_PARTITION, ':now': now.toISOString() },
        Limit: limit,
      });
      return page.items.map((item) => parseItem(Settlement, item));
    },

    async listDueToClose(now, limit) {
      const page = await queryPage(db, {
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK <= :now',
        ExpressionAttributeValues: { ':pk': GUARANTEES_CLOSING_PARTITION, ':now': `${now.toISOString()}#~` },
        Limit: limit,
      });
      return page.items.map((item) => String(item.guaranteeId));
    },

    async lapseOffer({ guarantee, now }) {
      const items: TransactItem[] = [
        {
          Update: {
            TableName: db.tableName,
            Key: guaranteeKey(guarantee.guaranteeId),
            UpdateExpression: 'SET #status = :lapsed, closedAt = :now, updatedAt = :now',
            ConditionExpression: '#status = :offered AND closesAt <= :now',
            ExpressionAttributeNames: STATUS,
            ExpressionAttributeValues: { ':lapsed': 'lapsed', ':offered': 'offered', ':now': now.toISOString() },
          },
        },
        {
          Update: {
            TableName: db.tableName,
            Key: guaranteeTermsKey(guarantee.guaranteeId, 1),
            UpdateExpression: 'SET #status = :lapsed',
            ConditionExpression: '#status = :proposed',
            ExpressionAttributeNames: STATUS,
            ExpressionAttributeValues: { ':lapsed': 'lapsed', ':proposed': 'proposed' },
          },
        },
        { Delete: { TableName: db.tableName, Key: guaranteeClosingKey(guarantee.guaranteeId) } },
      ];
      return (await transactOrStale(db, items)) === 'done';
    },

    async close({ guarantee, breach, now }) {
      const pending = guarantee.pendingAmendmentVersion;
      const items: TransactItem[] = [
        {
          Update: {
            TableName: db.tableName,
            Key: guaranteeKey(guarantee.guaranteeId),
            UpdateExpression: 'SET #status = :closed, breach = :breach, closedAt = :now, updatedAt = :now, pendingAmendmentVersion = :none',
            ConditionExpression: '#status = :active AND closesAt <= :now AND termsVersion = :version AND offeredQuantity = :offered AND acceptedQuantity = :accepted',
            ExpressionAttributeNames: STATUS,
            ExpressionAttributeValues: {
              ':closed': 'closed',
              ':breach': breach,
              ':now': now.toISOString(),
              ':none': null,
              ':active': 'active',
              ':version': guarantee.termsVersion,
              ':offered': guarantee.offeredQuantity,
              ':accepted': guarantee.acceptedQuantity,
            },
          },
        },
        { Delete: { TableName: db.tableName, Key: guaranteeClosingKey(guarantee.guaranteeId) } },
        // A proposal nobody decided before the close can no longer be: it lapses.
        ...(pending
          ? [
              {
                Update: {
                  TableName: db.tableName,
                  Key: guaranteeTermsKey(guarantee.guaranteeId, pending),
                  UpdateExpression: 'SET #status = :lapsed',
                  ConditionExpression: '#status = :proposed',
                  ExpressionAttributeNames: STATUS,
                  ExpressionAttributeValues: { ':lapsed': 'lapsed', ':proposed': 'proposed' },
                },
              },
            ]
          : []),
      ];
      return (await transactOrStale(db, items)) === 'done';
    },

    async settleBreach({ guaranteeId, settledBy, now }) {
      return (
        (await transactOrStale(db, [
          {
            Update: {
              TableName: db.tableName,
              Key: guaranteeKey(guaranteeId),
              UpdateExpression: 'SET breach.#status = :settled, breach.settledAt = :now, breach.settledBy = :by, updatedAt = :now',
              ConditionExpression: 'breach.#status = :open',
              ExpressionAttributeNames: STATUS,
              ExpressionAttributeValues: { ':settled': 'settled', ':now': now.toISOString(), ':by': settledBy, ':open': 'open' },
            },
          },
        ])) === 'done'
      );
    },

    async hasEvent(eventId) {
      return (await getItem(db, paymentEventKey(eventId))) !== undefined;
    },

    async recordEvent(eventId, at) {
      return (await transactOrStale(db, [eventPut(db, eventId, at)])) === 'done';
    },
  };
}

/** The terms a guarantee carries, from a version of its history. */
function termsOf(version: TermsVersion) {
  const { window, floorPriceFen, committedQuantity, maximumQuantity, acceptedGrades, deliveryPlace } = version;
  return { window, floorPriceFen, committedQuantity, maximumQuantity, acceptedGrades, deliveryPlace, version: version.version };
}

/** Weekly market reference prices, under each product's partition (B10). */
export function marketPriceRepository(db: Db): MarketPriceRepository {
  return {
    async put(price) {
      // A PUT replaces the week's price: entering it again is the correction, and the same body twice is a no-op.
      await db.doc.send(new PutCommand({ TableName: db.tableName, Item: marketPriceItem(price) }));
    },

    async get(productId, isoWeek) {
      const item = await getItem(db, marketPriceKey(productId, isoWeek));
      return item ? parseItem(MarketPrice, item) : undefined;
    },

    async list(productId) {
      const items = await queryAll(db, {
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': productKey(productId).PK, ':prefix': MARKET_PRICES_PREFIX },
        ScanIndexForward: false,
      });
      return items.map((item) => parseItem(MarketPrice, item));
    },
  };
}
