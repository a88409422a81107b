using MySqlConnector;

namespace CrowdPortal.Web.Tests.Infrastructure;

public enum TestDatabaseKind
{
    Sqlite,
    MariaDb,
}

/// <summary>A database for one test host: a SQLite file, or a new database on the test MariaDB server.</summary>
public sealed class TestDatabase : IDisposable
{
    /// <summary>Connection string of a MariaDB account that may create databases; the test command sets it.</summary>
    public const string MySqlVariable = "CROWDPORTAL_TEST_MYSQL";

    private readonly string? _mysqlAdmin;
    private readonly string? _mysqlDatabase;

    private TestDatabase(IReadOnlyDictionary<string, string?> settings, string? mysqlAdmin = null, string? mysqlDatabase = null)
    {
        Settings = settings;
        _mysqlAdmin = mysqlAdmin;
        _mysqlDatabase = mysqlDatabase;
    }

    public IReadOnlyDictionary<string, string?> Settings { get; }

    public static TestDatabase Create(TestDatabaseKind kind, string workDir)
    {
        if (kind == TestDatabaseKind.Sqlite)
        {
            return new TestDatabase(new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Sqlite",
                ["ConnectionStrings:Sqlite"] = $"Data Source={Path.Combine(workDir, "test.db")}",
            });
        }

        string admin = Environment.GetEnvironmentVariable(MySqlVariable)
            ?? throw new InvalidOperationException(
                $"{MySqlVariable} is not set: run the tests with scripts/test.sh, which starts MariaDB and sets it.");
        string name = "cp_test_" + Guid.NewGuid().ToString("N")[..12];
        using (var connection = new MySqlConnection(admin))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci";
            command.ExecuteNonQuery();
        }

        var builder = new MySqlConnectionStringBuilder(admin) { Database = name };
        return new TestDatabase(
            new Dictionary<string, string?>
            {
                ["Database:Provider"] = "MySql",
                ["ConnectionStrings:MySql"] = builder.ConnectionString,
            },
            admin,
            name);
    }

    public void Dispose()
    {
        if (_mysqlAdmin is null)
        {
            return;
        }

        MySqlConnection.ClearAllPools();
        using var connection = new MySqlConnection(_mysqlAdmin);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS `{_mysqlDatabase}`";
        command.ExecuteNonQuery();
    }
}
