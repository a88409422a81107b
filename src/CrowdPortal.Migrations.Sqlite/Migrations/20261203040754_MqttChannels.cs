using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrowdPortal.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class MqttChannels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "mqtt_connection",
                table: "notification_channels",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "mqtt_host",
                table: "notification_channels",
                type: "TEXT",
                maxLength: 253,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "mqtt_port",
                table: "notification_channels",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "mqtt_tls",
                table: "notification_channels",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "mqtt_topic_prefix",
                table: "notification_channels",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "mqtt_username",
                table: "notification_channels",
                type: "TEXT",
                maxLength: 256,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "mqtt_connection",
                table: "notification_channels");

            migrationBuilder.DropColumn(
                name: "mqtt_host",
                table: "notification_channels");

            migrationBuilder.DropColumn(
                name: "mqtt_port",
                table: "notification_channels");

            migrationBuilder.DropColumn(
                name: "mqtt_tls",
                table: "notification_channels");

            migrationBuilder.DropColumn(
                name: "mqtt_topic_prefix",
                table: "notification_channels");

            migrationBuilder.DropColumn(
                name: "mqtt_username",
                table: "notification_channels");
        }
    }
}
