package io.github.flinklakehouse.manifests;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a variable or configuration key names a secret, by its name ({@code *PASSWORD*}, {@code *SECRET*},
 * {@code *TOKEN*}, {@code *KEY}, {@code *KEY_ID}); {@link JobOptions} adds the keys the code declares secret. A name
 * that holds the name of a variable ({@code road-traffic.kec.key-env}) is not one.
 */
public final class SecretNames {

    private static final Pattern SECRET = Pattern.compile(".*(PASSWORD|SECRET|TOKEN).*|.*KEY(_ID)?");

    private SecretNames() {
    }

    /** True when {@code name} ({@code s3.secret-key}, {@code POSTGRES_PASSWORD}) looks like it holds a secret. */
    public static boolean looksSecret(String name) {
        return SECRET.matcher(name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_')).matches();
    }
}
