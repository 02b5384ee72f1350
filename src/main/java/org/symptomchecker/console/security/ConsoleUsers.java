package org.symptomchecker.console.security;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import org.symptomchecker.api.ApiProblem;
import org.symptomchecker.console.ConsoleRole;
import org.symptomchecker.console.audit.AuditLog;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Console users: created and changed by admins (each change audited), looked up at login. */
@ApplicationScoped
public class ConsoleUsers {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,63}");
    private static final int MIN_PASSWORD = 12;
    /** Bcrypt reads only the first 72 bytes: a longer password would be partly ignored. */
    private static final int MAX_PASSWORD_BYTES = 72;

    private final AuditLog audit;

    public ConsoleUsers(AuditLog audit) {
        this.audit = audit;
    }

    @Transactional
    public Optional<ConsoleUser> find(String username) {
        if (username == null) {
            return Optional.empty();
        }
        return ConsoleUser.<ConsoleUser>find("username", username).firstResultOptional();
    }

    @Transactional
    public List<ConsoleUserView> list() {
        return ConsoleUser.<ConsoleUser>listAll(Sort.ascending("username")).stream().map(ConsoleUserView::of).toList();
    }

    @Transactional
    public long count() {
        return ConsoleUser.count();
    }

    /** Creates a user; bad input is a 400 problem, a taken username 409. */
    @Transactional
    public ConsoleUserView create(String actor, String username, String password, String roleLabel) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new ApiProblem("username must be 3 to 64 characters: lower-case letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        ConsoleRole role = role(roleLabel);
        if (password == null || password.length() < MIN_PASSWORD) {
            throw new ApiProblem("password must be at least " + MIN_PASSWORD + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw new ApiProblem("password must be at most " + MAX_PASSWORD_BYTES + " bytes (UTF-8)");
        }
        if (find(username).isPresent()) {
            throw new ApiProblem(409, "Conflict", "a user with this username exists");
        }
        ConsoleUser u = new ConsoleUser();
        u.username = username;
        u.passwordHash = PasswordHashes.hash(password);
        u.role = role.label();
        u.createdAt = Instant.now();
        u.disabled = false;
        try {
            u.persistAndFlush();
        } catch (PersistenceException e) {
            // two admins (or two instances' bootstraps) creating the same name at once: the unique key decides
            throw new ApiProblem(409, "Conflict", "a user with this username exists");
        }
        audit.record(actor, "user.created", username, null, stateJson(u));
        return ConsoleUserView.of(u);
    }

    /** Changes a user's role and/or disabled flag (null: unchanged); an admin cannot demote or disable themself. */
    @Transactional
    public ConsoleUserView change(String actor, String username, String roleLabel, Boolean disabled) {
        ConsoleUser u = find(username).orElseThrow(() -> new ApiProblem(404, "Not Found", "no such user"));
        ConsoleRole role = roleLabel == null ? null : role(roleLabel);
        if (u.username.equals(actor) && ((role != null && role != ConsoleRole.ADMIN) || Boolean.TRUE.equals(disabled))) {
            throw new ApiProblem(409, "Conflict", "an admin cannot take their own admin role away or disable themself");
        }
        String before = stateJson(u);
        if (role != null && !role.label().equals(u.role)) {
            u.role = role.label();
            audit.record(actor, "user.role-changed", username, before, stateJson(u));
            before = stateJson(u);
        }
        if (disabled != null && disabled != u.disabled) {
            u.disabled = disabled;
            audit.record(actor, disabled ? "user.disabled" : "user.enabled", username, before, stateJson(u));
        }
        return ConsoleUserView.of(u);
    }

    private static ConsoleRole role(String label) {
        return ConsoleRole.of(label).orElseThrow(() -> new ApiProblem("role must be one of editor, reviewer, admin"));
    }

    /** The audited state of a user: never the password hash. */
    private static String stateJson(ConsoleUser u) {
        return "{\"username\":\"" + u.username + "\",\"role\":\"" + u.role + "\",\"disabled\":" + u.disabled + "}";
    }
}
