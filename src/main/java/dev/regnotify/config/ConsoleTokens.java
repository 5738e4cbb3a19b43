package dev.regnotify.config;

import java.util.ArrayList;
import java.util.List;

import jakarta.json.JsonString;

/** Reads {@code notifications.console}: its errors name the key path and a token's position, never its value. */
final class ConsoleTokens {

    private ConsoleTokens() {
    }

    static ConsoleConfig read(ConfigNode node, List<String> known, List<String> tokenKeys) {
        if (!node.present()) {
            return null;
        }
        node.object(known);
        ConfigNode tokensNode = node.field("tokens");
        if (!tokensNode.present()) {
            return ConsoleConfig.NONE;
        }
        List<ConsoleConfig.Token> tokens = new ArrayList<>();
        for (ConfigNode item : tokensNode.array()) {
            item.object(tokenKeys);
            ConfigNode value = item.field("token");
            if (!value.present()) {
                throw new ConfigException(value.path(), "is required: the bearer token a client sends");
            }
            if (!(value.value() instanceof JsonString text)) {
                throw value.fail("expected a string (the value is not shown: it is a secret)");
            }
            ConsoleConfig.Role role = item.field("role").choice(null, ConsoleConfig.Role.values(),
                    ConsoleConfig.Role::key);
            if (role == null) {
                throw new ConfigException(item.path() + ".role", "is required: viewer or operator");
            }
            try {
                tokens.add(new ConsoleConfig.Token(text.getString(), role));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(value.path(), e.getMessage());
            }
        }
        try {
            return new ConsoleConfig(tokens);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(tokensNode.path(), e.getMessage());
        }
    }
}
