using System;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrowdPortal.Migrations.MySql.Migrations
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
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "analysis_finished_at",
                table: "videos",
                type: "datetime(6)",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "analysis_seconds",
                table: "videos",
                type: "double",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "analysis_started_at",
                table: "videos",
                type: "datetime(6)",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "model_name",
                table: "videos",
                type: "varchar(128)",
                maxLength: 128,
                nullable: true)
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.CreateTable(
                name: "alerts",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("MySql:ValueGenerationStrategy", MySqlValueGenerationStrategy.IdentityColumn),
                    video_id = table.Column<long>(type: "bigint", nullable: false),
                    zone_id = table.Column<string>(type: "varchar(64)", maxLength: 64, nullable: false)
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    label = table.Column<string>(type: "varchar(64)", maxLength: 64, nullable: false)
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    ts_start = table.Column<double>(type: "double", nullable: false),
                    ts_end = table.Column<double>(type: "double", nullable: true),
                    level = table.Column<string>(type: "varchar(16)", maxLength: 16, nullable: false)
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    peak_value = table.Column<double>(type: "double", nullable: false),
                    unit = table.Column<string>(type: "varchar(16)", maxLength: 16, nullable: false)
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    acknowledged_by = table.Column<string>(type: "varchar(256)", maxLength: 256, nullable: true)
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    acknowledged_at = table.Column<DateTime>(type: "datetime(6)", nullable: true),
                    created_at = table.Column<DateTime>(type: "datetime(6)", nullable: false)
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
                })
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.CreateTable(
                name: "video_zones",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("MySql:ValueGenerationStrategy", MySqlValueGenerationStrategy.IdentityColumn),
                    video_id = table.Column<long>(type: "bigint", nullable: false),
                    zone_id = table.Column<string>(type: "varchar(64)", maxLength: 64, nullable: false)
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    label = table.Column<string>(type: "varchar(64)", maxLength: 64, nullable: false)
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    kind = table.Column<string>(type: "varchar(16)", maxLength: 16, nullable: false)
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    coordinates = table.Column<string>(type: "varchar(8000)", maxLength: 8000, nullable: false)
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    warning = table.Column<double>(type: "double", nullable: true),
                    critical = table.Column<double>(type: "double", nullable: true),
                    area_m2 = table.Column<double>(type: "double", nullable: true),
                    colour = table.Column<string>(type: "varchar(16)", maxLength: 16, nullable: true)
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    anchor = table.Column<string>(type: "varchar(16)", maxLength: 16, nullable: false)
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    inertia = table.Column<int>(type: "int", nullable: false),
                    sort_order = table.Column<int>(type: "int", nullable: false)
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
                })
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.CreateTable(
                name: "zone_counts",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("MySql:ValueGenerationStrategy", MySqlValueGenerationStrategy.IdentityColumn),
                    video_id = table.Column<long>(type: "bigint", nullable: false),
                    zone_id = table.Column<string>(type: "varchar(64)", maxLength: 64, nullable: false)
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    ts = table.Column<double>(type: "double", nullable: false),
                    label = table.Column<string>(type: "varchar(64)", maxLength: 64, nullable: false)
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    current = table.Column<int>(type: "int", nullable: false),
                    peak = table.Column<int>(type: "int", nullable: false),
                    entries = table.Column<int>(type: "int", nullable: false),
                    exits = table.Column<int>(type: "int", nullable: false),
                    density = table.Column<double>(type: "double", nullable: true),
                    level = table.Column<string>(type: "varchar(16)", maxLength: 16, nullable: false)
                        .Annotation("MySql:CharSet", "utf8mb4")
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
                })
                .Annotation("MySql:CharSet", "utf8mb4");

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
