import { describe, expect, it, vi } from 'vitest';
import { lazyStripe } from '../../../../shared/payments/lazy-stripe.js';

describe('lazyStripe', () => {
  it('loads the keys only when a payment or webhook first needs them, once, and retries a failed load', async () => {
    // Prepare
    const loadKeys = vi
      .fn()
      .mockRejectedValueOnce(new Error('Secrets Manager is unreachable'))
      .mockResolvedValue({ secretKey: 'sk_test_lazy', webhookSecret: 'whsec_lazy' });
    // Act
    const stripe = lazyStripe(loadKeys);
    // Assess: building the deps costs nothing.
    expect(loadKeys).not.toHaveBeenCalled();
    await expect(stripe.paymentEvents.verify('{}', 't=1,v1=abc')).rejects.toThrow('unreachable');
    // The next call loads again, and later calls reuse the keys it loaded.
    await expect(stripe.paymentEvents.verify('{}', 't=1,v1=abc')).rejects.toMatchObject({ field: 'Stripe-Signature' });
    await expect(stripe.paymentEvents.verify('{}', 't=1,v1=abc')).rejects.toMatchObject({ field: 'Stripe-Signature' });
    expect(loadKeys).toHaveBeenCalledTimes(2);
  });
});
