/**
 * Signed decision receipts: a canonical JSON record of a finished debate, its SHA-256 and an
 * Ed25519 signature, verifiable offline.
 *
 * <p>{@link dev.aragora.core.receipt.Receipts#from} builds the record,
 * {@link dev.aragora.core.receipt.ReceiptSigner} hashes and signs it (keys from
 * {@link dev.aragora.core.receipt.ReceiptKeys}), {@link dev.aragora.core.receipt.ReceiptJson} writes it in
 * its canonical form, {@link dev.aragora.core.receipt.ReceiptVerifier#verify(String)} checks it, and
 * {@link dev.aragora.core.receipt.ReceiptMarkdown} renders it for people.
 */
package dev.aragora.core.receipt;
