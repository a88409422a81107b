using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrowdPortal.Migrations.MySql.Migrations
{
    /// <inheritdoc />
    public partial class Privacy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "delete_footage_after_analysis",
                table: "videos",
                type: "tinyint(1)",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "footage_deleted_at",
                table: "videos",
                type: "datetime(6)",
                nullable: true);

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
                name: "delete_footage_after_analysis",
                table: "videos");

            migrationBuilder.DropColumn(
                name: "footage_deleted_at",
                table: "videos");

            migrationBuilder.DropColumn(
                name: "privacy_level",
                table: "videos");
        }
    }
}
