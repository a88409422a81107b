using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrowdPortal.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class TidyZoneTotals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "zone_totals",
                columns: table => new
                {
                    video_id = table.Column<long>(type: "INTEGER", nullable: false),
                    zone_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    entries = table.Column<long>(type: "INTEGER", nullable: false),
                    exits = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_zone_totals", x => new { x.video_id, x.zone_id });
                    table.ForeignKey(
                        name: "FK_zone_totals_videos_video_id",
                        column: x => x.video_id,
                        principalTable: "videos",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            // The running totals of the rows stored so far (the same SQL on both providers).
            migrationBuilder.Sql(
                "INSERT INTO zone_totals (video_id, zone_id, entries, exits) "
                + "SELECT video_id, zone_id, SUM(entries), SUM(exits) FROM zone_counts "
                + "GROUP BY video_id, zone_id HAVING SUM(entries) <> 0 OR SUM(exits) <> 0");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "zone_totals");
        }
    }
}
