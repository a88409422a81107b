using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrowdPortal.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Notifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "notification_channels",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    user_id = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    url = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    secret_protected = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    events = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    video_ids = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    min_level = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    consecutive_failures = table.Column<int>(type: "INTEGER", nullable: false),
                    retry_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    paused_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    pause_reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    claimed_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    claimed_until = table.Column<DateTime>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notification_channels", x => x.id);
                    table.ForeignKey(
                        name: "FK_notification_channels_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "notification_outbox",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    user_id = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    video_id = table.Column<long>(type: "INTEGER", nullable: true),
                    level = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    body = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    channel_id = table.Column<long>(type: "INTEGER", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    dispatched_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    dispatched_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notification_outbox", x => x.id);
                    table.ForeignKey(
                        name: "FK_notification_outbox_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "notification_deliveries",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    channel_id = table.Column<long>(type: "INTEGER", nullable: false),
                    event_id = table.Column<long>(type: "INTEGER", nullable: false),
                    event_type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    message_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    last_attempt_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_status_code = table.Column<int>(type: "INTEGER", nullable: true),
                    last_error = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    last_response = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    delivered_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notification_deliveries", x => x.id);
                    table.ForeignKey(
                        name: "FK_notification_deliveries_notification_channels_channel_id",
                        column: x => x.channel_id,
                        principalTable: "notification_channels",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_notification_deliveries_notification_outbox_event_id",
                        column: x => x.event_id,
                        principalTable: "notification_outbox",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_notification_channels_user_id",
                table: "notification_channels",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "IX_notification_deliveries_channel_id_delivered_at",
                table: "notification_deliveries",
                columns: new[] { "channel_id", "delivered_at" });

            migrationBuilder.CreateIndex(
                name: "IX_notification_deliveries_event_id",
                table: "notification_deliveries",
                column: "event_id");

            migrationBuilder.CreateIndex(
                name: "IX_notification_deliveries_message_id",
                table: "notification_deliveries",
                column: "message_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_notification_outbox_dispatched_at",
                table: "notification_outbox",
                column: "dispatched_at");

            migrationBuilder.CreateIndex(
                name: "IX_notification_outbox_user_id",
                table: "notification_outbox",
                column: "user_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "notification_deliveries");

            migrationBuilder.DropTable(
                name: "notification_channels");

            migrationBuilder.DropTable(
                name: "notification_outbox");
        }
    }
}
