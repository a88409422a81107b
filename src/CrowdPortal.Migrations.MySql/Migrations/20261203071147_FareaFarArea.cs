using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrowdPortal.Migrations.MySql.Migrations
{
    /// <inheritdoc />
    public partial class FareaFarArea : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "far_area_height",
                table: "videos",
                type: "double",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "far_area_width",
                table: "videos",
                type: "double",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "far_area_x",
                table: "videos",
                type: "double",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "far_area_y",
                table: "videos",
                type: "double",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "far_area_height",
                table: "videos");

            migrationBuilder.DropColumn(
                name: "far_area_width",
                table: "videos");

            migrationBuilder.DropColumn(
                name: "far_area_x",
                table: "videos");

            migrationBuilder.DropColumn(
                name: "far_area_y",
                table: "videos");
        }
    }
}
