import { useScryptCostForTests } from '../../server/auth/password.ts';

/**
 * The unit and in-process integration suites create hundreds of accounts and log in hundreds of
 * times; at OWASP's scrypt cost (N=2^15) each costs ~300 ms. Here NEW hashes use N=2^10: the same
 * code and format (the parameters are stored with each hash, and checking reads them from there),
 * 32× less work. The real cost stays where it matters: test/unit/auth/password-cost.test.ts checks
 * what a server hashes with, unknown e-mails are still checked against the full-cost dummy hash
 * (the throttle test's burst relies on that), and the process and e2e suites run real servers.
 */
export const TEST_SCRYPT_N = 1 << 10;
useScryptCostForTests(TEST_SCRYPT_N);
