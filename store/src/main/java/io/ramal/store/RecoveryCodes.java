package io.ramal.store;

import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/** The {@code recovery_codes} table: hashes of a user's one-time second-factor codes. */
public final class RecoveryCodes {

    private final Sql sql;

    public RecoveryCodes(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    /** Replaces all the user's codes (used or not) by these hashes. */
    public void replace(String userId, List<String> codeHashes) {
        deleteAll(userId);
        for (String hash : codeHashes) {
            sql.update("INSERT INTO recovery_codes (user_id, code_hash, used_at) VALUES (?, ?, NULL)",
                    userId, Text.requireNonBlank(hash, "codeHash"));
        }
    }

    /** Spends the code with this hash: true if it existed and was unused, false otherwise. */
    public boolean use(String userId, String codeHash, Instant now) {
        return sql.update("UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL",
                now, userId, codeHash) > 0;
    }

    /** How many unused codes the user has left. */
    public int remaining(String userId) {
        return sql.first("SELECT COUNT(*) AS n FROM recovery_codes WHERE user_id = ? AND used_at IS NULL",
                row -> row.getInt("n"), userId).orElse(0);
    }

    public void deleteAll(String userId) {
        sql.update("DELETE FROM recovery_codes WHERE user_id = ?", userId);
    }
}
