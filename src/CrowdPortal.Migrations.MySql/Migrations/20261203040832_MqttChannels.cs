using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrowdPortal.Migrations.MySql.Migrations
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
                type: "varchar(500)",
                maxLength: 500,
                nullable: true)
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.AddColumn<string>(
                name: "mqtt_host",
                table: "notification_channels",
                type: "varchar(253)",
                maxLength: 253,
                nullable: true)
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.AddColumn<int>(
                name: "mqtt_port",
                table: "notification_channels",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "mqtt_tls",
                table: "notification_channels",
                type: "tinyint(1)",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "mqtt_topic_prefix",
                table: "notification_channels",
                type: "varchar(128)",
                maxLength: 128,
                nullable: true)
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.AddColumn<string>(
                name: "mqtt_username",
                table: "notification_channels",
                type: "varchar(256)",
                maxLength: 256,
                nullable: true)
                .Annotation("MySql:CharSet", "utf8mb4");
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
