using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrowdPortal.Migrations.MySql.Migrations
{
    /// <inheritdoc />
    public partial class PrivacyLevel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "privacy_level",
                table: "videos",
                type: "varchar(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Off")
                .Annotation("MySql:CharSet", "utf8mb4");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "privacy_level",
                table: "videos");
        }
    }
}
