package org.symptomchecker.console.security;

import io.quarkus.elytron.security.common.BcryptUtil;
import org.wildfly.security.password.Password;
import org.wildfly.security.password.PasswordFactory;
import org.wildfly.security.password.WildFlyElytronPasswordProvider;
import org.wildfly.security.password.interfaces.BCryptPassword;
import org.wildfly.security.password.util.ModularCrypt;

import java.security.GeneralSecurityException;

/** Bcrypt password hashes in modular crypt format ("$2a$12$..."), made and checked with Elytron. */
final class PasswordHashes {

    /** Cost 2^12 (Elytron's default is 2^10): each guess costs a noticeable fraction of a second. */
    private static final int COST = 12;

    /** Checked when the username is unknown, so a wrong username takes as long as a wrong password. */
    private static final String DECOY = BcryptUtil.bcryptHash("decoy-password-never-used", COST);

    private static final WildFlyElytronPasswordProvider PROVIDER = WildFlyElytronPasswordProvider.getInstance();

    private PasswordHashes() {
    }

    static String hash(String password) {
        return BcryptUtil.bcryptHash(password, COST);
    }

    /** Whether the password matches the hash; a null hash (no such user) checks the decoy and is false. */
    static boolean matches(String password, String hash) {
        boolean known = hash != null;
        try {
            PasswordFactory factory = PasswordFactory.getInstance(BCryptPassword.ALGORITHM_BCRYPT, PROVIDER);
            Password stored = factory.translate(ModularCrypt.decode(known ? hash : DECOY));
            return factory.verify(stored, password.toCharArray()) && known;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
