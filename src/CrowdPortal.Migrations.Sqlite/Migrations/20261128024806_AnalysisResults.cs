using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrowdPortal.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AnalysisResults : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "analysed_frames",
                table: "videos",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "analysis_finished_at",
                table: "videos",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "analysis_seconds",
                table: "videos",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "analysis_started_at",
                table: "videos",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "model_name",
                table: "videos",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "alerts",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    video_id = table.Column<long>(type: "INTEGER", nullable: false),
                    zone_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    label = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ts_start = table.Column<double>(type: "REAL", nullable: false),
                    ts_end = table.Column<double>(type: "REAL", nullable: true),
                    level = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    peak_value = table.Column<double>(type: "REAL", nullable: false),
                    unit = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    acknowledged_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    acknowledged_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alerts", x => x.id);
                    table.ForeignKey(
                        name: "FK_alerts_videos_video_id",
                        column: x => x.video_id,
                        principalTable: "videos",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "video_zones",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    video_id = table.Column<long>(type: "INTEGER", nullable: false),
                    zone_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    label = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    coordinates = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    warning = table.Column<double>(type: "REAL", nullable: true),
                    critical = table.Column<double>(type: "REAL", nullable: true),
                    area_m2 = table.Column<double>(type: "REAL", nullable: true),
                    colour = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    anchor = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    inertia = table.Column<int>(type: "INTEGER", nullable: false),
                    sort_order = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_video_zones", x => x.id);
                    table.ForeignKey(
                        name: "FK_video_zones_videos_video_id",
                        column: x => x.video_id,
                        principalTable: "videos",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "zone_counts",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    video_id = table.Column<long>(type: "INTEGER", nullable: false),
                    zone_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ts = table.Column<double>(type: "REAL", nullable: false),
                    label = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    current = table.Column<int>(type: "INTEGER", nullable: false),
                    peak = table.Column<int>(type: "INTEGER", nullable: false),
                    entries = table.Column<int>(type: "INTEGER", nullable: false),
                    exits = table.Column<int>(type: "INTEGER", nullable: false),
                    density = table.Column<double>(type: "REAL", nullable: true),
                    level = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_zone_counts", x => x.id);
                    table.ForeignKey(
                        name: "FK_zone_counts_videos_video_id",
                        column: x => x.video_id,
                        principalTable: "videos",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_videos_status",
                table: "videos",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "IX_alerts_video_id_zone_id_ts_start",
                table: "alerts",
                columns: new[] { "video_id", "zone_id", "ts_start" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_video_zones_video_id_zone_id",
                table: "video_zones",
                columns: new[] { "video_id", "zone_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_zone_counts_video_id_zone_id_ts",
                table: "zone_counts",
                columns: new[] { "video_id", "zone_id", "ts" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "alerts");

            migrationBuilder.DropTable(
                name: "video_zones");

            migrationBuilder.DropTable(
                name: "zone_counts");

            migrationBuilder.DropIndex(
                name: "IX_videos_status",
                table: "videos");

            migrationBuilder.DropColumn(
                name: "analysed_frames",
                table: "videos");

            migrationBuilder.DropColumn(
                name: "analysis_finished_at",
                table: "videos");

            migrationBuilder.DropColumn(
                name: "analysis_seconds",
                table: "videos");

            migrationBuilder.DropColumn(
                name: "analysis_started_at",
                table: "videos");

            migrationBuilder.DropColumn(
                name: "model_name",
                table: "videos");
        }
    }
}
