package org.parley.channel.secrets;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Encrypts channel secrets (mailbox passwords, access tokens, app secrets) at rest with AES-GCM.
 *
 * <p>The key comes from {@code parley.channels.secret-key} (base64 of 16, 24 or 32 random bytes, e.g.
 * {@code openssl rand -base64 32}). Without one, a key is generated once into
 * {@code parley.channels.secret-key-file} (default {@code ./data/channel-secret.key}, readable by the owner
 * only) so the embedded setup works out of the box; production deployments should set the property.
 */
@Component
public class SecretCipher {

    private static final Logger log = LoggerFactory.getLogger(SecretCipher.class);
    private static final String PREFIX = "v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec key;

    public SecretCipher(@Value("${parley.channels.secret-key:}") String configuredKey,
            @Value("${parley.channels.secret-key-file:./data/channel-secret.key}") Path keyFile) {
        this.key = new SecretKeySpec(keyBytes(configuredKey, keyFile), "AES");
    }

    /** The ciphertext of a secret, or null for null; never the same twice for the same secret. */
    public String encrypt(String secret) {
        if (secret == null) {
            return null;
        }
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length)
                    .put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a channel secret", e);
        }
    }

    /** The secret behind a ciphertext made by {@link #encrypt}; fails clearly when the key is not the one used. */
    public String decrypt(String ciphertext) {
        if (ciphertext == null) {
            return null;
        }
        if (!ciphertext.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not an encrypted channel secret");
        }
        try {
            byte[] packed = Base64.getDecoder().decode(ciphertext.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, packed, 0, IV_BYTES));
            return new String(cipher.doFinal(packed, IV_BYTES, packed.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot decrypt a channel secret: was parley.channels.secret-key changed?", e);
        }
    }

    private static byte[] keyBytes(String configured, Path keyFile) {
        if (configured != null && !configured.isBlank()) {
            return checked(Base64.getDecoder().decode(configured.strip()), "parley.channels.secret-key");
        }
        try {
            if (Files.exists(keyFile)) {
                return checked(Base64.getDecoder().decode(Files.readString(keyFile).strip()), keyFile.toString());
            }
            byte[] generated = new byte[32];
            new SecureRandom().nextBytes(generated);
            Path parent = keyFile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(keyFile, Base64.getEncoder().encodeToString(generated));
            try {
                Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the file inherits the directory's access rules
            }
            log.warn("parley.channels.secret-key is not set: generated a key for channel secrets in {}."
                    + " Set the property in production and keep it safe.", keyFile.toAbsolutePath());
            return generated;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or create the channel secret key file " + keyFile, e);
        }
    }

    private static byte[] checked(byte[] key, String source) {
        if (key.length != 16 && key.length != 24 && key.length != 32) {
            throw new IllegalStateException(source + " must be base64 of 16, 24 or 32 bytes, not " + key.length);
        }
        return key;
    }
}
