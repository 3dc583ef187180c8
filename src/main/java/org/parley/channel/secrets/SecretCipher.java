package org.parley.channel.secrets;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.DependsOn;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Encrypts channel secrets (mailbox passwords, access tokens, app secrets) at rest with AES-GCM, and makes sure
 * every node of a database uses the same key.
 *
 * <p>The key comes from {@code parley.channels.secret-key} (base64 of 16, 24 or 32 random bytes, e.g.
 * {@code openssl rand -base64 32}). Without one, a key is generated once into
 * {@code parley.channels.secret-key-file} (default {@code ./data/channel-secret.key}, readable by the owner
 * only) so the embedded setup works out of the box — but only for a database that has no secrets and no key
 * yet. Each secret carries the id of its key ({@code v2:<key id>:<ciphertext>}; the id is a fingerprint of the
 * key, not the key), and the {@code secret_key} table lists the keys nodes have encrypted with. On start a node
 * <b>refuses to start</b> when the database holds secrets of a key it does not have, or when another node has
 * registered a newer key: it never writes secrets the other nodes cannot read.
 *
 * <p>Rotation: {@code parley.channels.previous-secret-keys} (comma-separated) are still accepted for decrypting;
 * on start, secrets under a previous key (and those from before key ids, {@code v1:}) are encrypted again with
 * the current key.
 */
@Component
@DependsOn("entityManagerFactory") // Flyway has created secret_key by then
public class SecretCipher implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(SecretCipher.class);
    private static final String LEGACY = "v1:";
    private static final String PREFIX = "v2:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    /** The columns that hold secrets encrypted here: table, id column, secret column. */
    private static final List<String[]> SECRET_COLUMNS = List.of(
            new String[] {"email_mailbox", "id", "password_secret"},
            new String[] {"social_account", "id", "access_token_encrypted"});

    private final SecureRandom random = new SecureRandom();
    private final Path keyFile;
    private final boolean configured;
    private final Map<String, SecretKeySpec> previous = new LinkedHashMap<>();
    private final ObjectProvider<JdbcTemplate> jdbc;
    private final ObjectProvider<TransactionTemplate> transactions;
    private volatile SecretKeySpec key;
    private volatile String keyId;

    public SecretCipher(@Value("${parley.channels.secret-key:}") String configuredKey,
            @Value("${parley.channels.previous-secret-keys:}") String previousKeys,
            @Value("${parley.channels.secret-key-file:./data/channel-secret.key}") Path keyFile,
            ObjectProvider<JdbcTemplate> jdbc, ObjectProvider<TransactionTemplate> transactions) {
        this.keyFile = keyFile;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.configured = configuredKey != null && !configuredKey.isBlank();
        if (configured) {
            use(checked(decode(configuredKey, "parley.channels.secret-key"), "parley.channels.secret-key"));
        } else if (Files.exists(keyFile)) {
            use(readKeyFile(keyFile));
        }
        for (String old : previousKeys == null ? new String[0] : previousKeys.split(",")) {
            if (!old.isBlank()) {
                byte[] bytes = checked(decode(old, "parley.channels.previous-secret-keys"),
                        "parley.channels.previous-secret-keys");
                previous.put(idOf(bytes), new SecretKeySpec(bytes, "AES"));
            }
        }
    }

    /** A cipher with one key and no database (tests of code that only encrypts and decrypts). */
    public static SecretCipher withKey(String base64Key) {
        return new SecretCipher(base64Key, "", Path.of("unused"), null, null);
    }

    /** The id of the key new secrets are encrypted with. */
    public String keyId() {
        return requireKey();
    }

    /** The ciphertext of a secret, or null for null; never the same twice for the same secret. */
    public String encrypt(String secret) {
        if (secret == null) {
            return null;
        }
        String id = requireKey();
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return PREFIX + id + ":" + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length)
                    .put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a channel secret", e);
        }
    }

    /** The secret behind a ciphertext made by {@link #encrypt}; fails clearly when the key is not one of ours. */
    public String decrypt(String ciphertext) {
        if (ciphertext == null) {
            return null;
        }
        requireKey();
        if (ciphertext.startsWith(PREFIX)) {
            int colon = ciphertext.indexOf(':', PREFIX.length());
            String id = colon < 0 ? "" : ciphertext.substring(PREFIX.length(), colon);
            SecretKeySpec k = keyOf(id);
            if (k == null) {
                throw new IllegalStateException("cannot decrypt a channel secret: it is encrypted with key " + id
                        + ", which this node does not have (parley.channels.secret-key is key " + keyId + ")");
            }
            return open(k, ciphertext.substring(colon + 1));
        }
        if (!ciphertext.startsWith(LEGACY)) {
            throw new IllegalArgumentException("not an encrypted channel secret");
        }
        for (SecretKeySpec k : allKeys()) {
            try {
                return open(k, ciphertext.substring(LEGACY.length()));
            } catch (IllegalStateException notThisKey) {
                // try the next key
            }
        }
        throw new IllegalStateException("cannot decrypt a channel secret: was parley.channels.secret-key changed?");
    }

    /** On start, before anything uses a secret: the keys check and the re-encryption described above. */
    @Override
    public void afterSingletonsInstantiated() {
        JdbcTemplate db = jdbc == null ? null : jdbc.getIfAvailable();
        if (db == null) {
            requireKey();
            return;
        }
        List<Stored> stored = stored(db);
        List<String> registered = db.queryForList("select key_id from secret_key order by registered_at, key_id",
                String.class);
        if (key == null) {
            if (!registered.isEmpty() || !stored.isEmpty()) {
                throw refusal("parley.channels.secret-key is not set and " + keyFile
                        + " does not exist, but this database already holds channel secrets (keys "
                        + keysOf(stored, registered) + ")");
            }
            use(generate(keyFile));
        }
        Set<String> unknown = new TreeSet<>();
        for (Stored s : stored) {
            if (s.keyId() != null ? keyOf(s.keyId()) == null : !decryptable(s.value())) {
                unknown.add(s.keyId() == null ? "from before key ids (" + s.table() + ")" : s.keyId());
            }
        }
        if (!unknown.isEmpty()) {
            throw refusal("the database holds channel secrets encrypted with key " + String.join(", ", unknown)
                    + ", which this node does not have");
        }
        if (!registered.isEmpty() && keyOf(registered.getLast()) == null) {
            throw refusal("another node encrypts channel secrets with key " + registered.getLast()
                    + ", which this node does not have");
        }
        transactions.getObject().executeWithoutResult(tx -> {
            if (!registered.contains(keyId)) {
                db.update("insert into secret_key (key_id, registered_at) values (?, ?)", keyId,
                        Timestamp.from(Instant.now()));
            }
            int again = 0;
            for (Stored s : stored) {
                if (!keyId.equals(s.keyId())) {
                    again += db.update("update " + s.table() + " set " + s.column() + " = ? where " + s.idColumn()
                            + " = ? and " + s.column() + " = ?", encrypt(decrypt(s.value())), s.id(), s.value());
                }
            }
            if (again > 0) {
                log.info("encrypted {} channel secrets again with the current key {}", again, keyId);
            }
        });
        // two nodes that registered different keys at the same moment: the later one wins, the other stops
        List<String> now = db.queryForList("select key_id from secret_key order by registered_at, key_id", String.class);
        if (keyOf(now.getLast()) == null) {
            throw refusal("another node encrypts channel secrets with key " + now.getLast()
                    + ", which this node does not have");
        }
        log.info("channel secrets: key {} ({} previous keys accepted)", keyId, previous.size());
    }

    private IllegalStateException refusal(String why) {
        String mine = key == null ? "none" : keyId;
        return new IllegalStateException("Refusing to start: " + why + ". This node's key is " + mine
                + (previous.isEmpty() ? "" : ", previous keys " + previous.keySet())
                + ". Give every node of a database the same parley.channels.secret-key (to rotate, put the old key in"
                + " parley.channels.previous-secret-keys); see README, Two or more nodes.");
    }

    private record Stored(String table, String idColumn, String column, Object id, String value, String keyId) {
    }

    private static List<Stored> stored(JdbcTemplate db) {
        List<Stored> all = new ArrayList<>();
        for (String[] c : SECRET_COLUMNS) {
            db.query("select " + c[1] + ", " + c[2] + " from " + c[0] + " where " + c[2] + " is not null", rs -> {
                String value = rs.getString(2);
                String id = null;
                if (value.startsWith(PREFIX) && value.indexOf(':', PREFIX.length()) > 0) {
                    id = value.substring(PREFIX.length(), value.indexOf(':', PREFIX.length()));
                }
                all.add(new Stored(c[0], c[1], c[2], rs.getObject(1), value, id));
            });
        }
        return all;
    }

    private static String keysOf(List<Stored> stored, List<String> registered) {
        Set<String> ids = new TreeSet<>(registered);
        stored.stream().map(Stored::keyId).filter(java.util.Objects::nonNull).forEach(ids::add);
        return ids.isEmpty() ? "from before key ids" : String.join(", ", ids);
    }

    private boolean decryptable(String value) {
        try {
            decrypt(value);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private SecretKeySpec keyOf(String id) {
        return id.equals(keyId) ? key : previous.get(id);
    }

    private List<SecretKeySpec> allKeys() {
        List<SecretKeySpec> all = new ArrayList<>();
        all.add(key);
        all.addAll(previous.values());
        return all;
    }

    private String requireKey() {
        if (key == null) {
            // no database to check against (or used before the start-up check): the embedded default
            use(generate(keyFile));
        }
        return keyId;
    }

    private synchronized void use(byte[] bytes) {
        if (key == null) {
            this.key = new SecretKeySpec(bytes, "AES");
            this.keyId = idOf(bytes);
        }
    }

    private static String open(SecretKeySpec k, String base64) {
        try {
            byte[] packed = Base64.getDecoder().decode(base64);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, k, new GCMParameterSpec(TAG_BITS, packed, 0, IV_BYTES));
            return new String(cipher.doFinal(packed, IV_BYTES, packed.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot decrypt a channel secret: was parley.channels.secret-key changed?", e);
        }
    }

    /** A key's id: the first 8 bytes of SHA-256 over a label and the key, in hex (tells keys apart, reveals nothing). */
    static String idOf(byte[] key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("parley channel secret key id".getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha.digest(key), 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] decode(String base64, String source) {
        try {
            return Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " is not valid base64", e);
        }
    }

    private static byte[] readKeyFile(Path keyFile) {
        try {
            return checked(decode(Files.readString(keyFile), keyFile.toString()), keyFile.toString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the channel secret key file " + keyFile, e);
        }
    }

    private static byte[] generate(Path keyFile) {
        try {
            if (Files.exists(keyFile)) {
                return readKeyFile(keyFile);
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
                    + " Set the property in production (the same on every node) and keep it safe.",
                    keyFile.toAbsolutePath());
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
