"""The SQLCipher vault: key hierarchy, connection owner, schema, repositories, backups. No Qt here."""
