<?xml version="1.0" encoding="UTF-8"?>
<!--
  team-admin.xsl: one team for the administrator: the form to change it
  (its kind stays), its members with the way to end a membership, and
  the form to add a person or give a member another role. View:
  h_team_admin.c (<team ...><members><member id name unit role username
  added/></members></team>, <staff><person username name unit/></staff>
  for the list of names, <error form field> and <typed>).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:i="urn:x-stafett:i18n"
    exclude-result-prefixes="i">
  <xsl:import href="team.xsl"/>
  <xsl:import href="_account.xsl"/>
  <xsl:import href="_team.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:if test="error"><xsl:value-of select="i:t('Error:')"/><xsl:text> </xsl:text></xsl:if>
    <xsl:value-of select="team/@name"/>
    <xsl:text> – </xsl:text>
    <xsl:value-of select="i:t('Teams')"/>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <xsl:variable name="t" select="team"/>
    <p><a href="/admin/teams"><xsl:value-of select="i:t('All teams')"/></a></p>
    <h1><xsl:value-of select="$t/@name"/></h1>
    <xsl:call-template name="error-summary">
      <xsl:with-param name="title" select="i:t('The change was not saved. Correct this:')"/>
    </xsl:call-template>
    <dl class="facts">
      <dt><xsl:value-of select="i:t('Kind of team')"/></dt>
      <dd><xsl:call-template name="team-kind"><xsl:with-param name="k" select="$t/@kind"/></xsl:call-template></dd>
    </dl>

    <section aria-labelledby="members-title" id="members">
      <h2 id="members-title"><xsl:value-of select="i:t('Members')"/></h2>
      <xsl:choose>
        <xsl:when test="not($t/members/member)">
          <p class="none"><xsl:value-of select="i:t('The team has no members yet.')"/></p>
        </xsl:when>
        <xsl:otherwise>
          <ul class="links">
            <xsl:for-each select="$t/members/member">
              <li>
                <xsl:value-of select="@name"/>
                <xsl:if test="@unit"><xsl:text>, </xsl:text><xsl:value-of select="@unit"/></xsl:if>
                <xsl:if test="@role = 'leader'"><xsl:text> </xsl:text><span class="tag info"><xsl:value-of select="i:t('Leader')"/></span></xsl:if>
                <form method="post" action="/admin/teams/{$t/@id}/members/remove" class="inline">
                  <input type="hidden" name="csrf" value="{/page/csrf}"/>
                  <input type="hidden" name="idem" value="{/page/idem}"/>
                  <input type="hidden" name="person" value="{@id}"/>
                  <button type="submit" class="secondary"><xsl:value-of select="i:t('End the membership')"/><span class="visually-hidden"><xsl:text>: </xsl:text><xsl:value-of select="@name"/></span></button>
                </form>
              </li>
            </xsl:for-each>
          </ul>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:variable name="e" select="/page/error[@form = 'member']"/>
      <h3><xsl:value-of select="i:t('Add a person to the team')"/></h3>
      <form method="post" action="/admin/teams/{$t/@id}/members" novalidate="novalidate">
        <input type="hidden" name="csrf" value="{/page/csrf}"/>
        <input type="hidden" name="idem" value="{/page/idem}"/>
        <xsl:call-template name="field">
          <xsl:with-param name="id" select="'a-member-person'"/>
          <xsl:with-param name="name" select="'person'"/>
          <xsl:with-param name="label" select="i:t('User name')"/>
          <xsl:with-param name="hint" select="i:t('An employee or leader of the municipality. A member added again gets the role chosen now.')"/>
          <xsl:with-param name="required" select="true()"/>
          <xsl:with-param name="maxlength" select="'64'"/>
          <xsl:with-param name="autocomplete" select="'off'"/>
          <xsl:with-param name="value" select="string(/page/typed[@form = 'member'][@name = 'person'])"/>
          <xsl:with-param name="error" select="string($e[@field = 'person'])"/>
        </xsl:call-template>
        <xsl:call-template name="select-field">
          <xsl:with-param name="id" select="'a-member-role'"/>
          <xsl:with-param name="name" select="'role'"/>
          <xsl:with-param name="label" select="i:t('Role in the team')"/>
          <xsl:with-param name="error" select="string($e[@field = 'role'])"/>
          <xsl:with-param name="options">
            <option value="member"><xsl:value-of select="i:t('Member: reads the agenda and gives advice')"/></option>
            <option value="leader">
              <xsl:if test="/page/typed[@form = 'member'][@name = 'role'] = 'leader'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
              <xsl:value-of select="i:t('Leader: also plans the meetings')"/>
            </option>
          </xsl:with-param>
        </xsl:call-template>
        <button type="submit" class="primary"><xsl:value-of select="i:t('Add to the team')"/></button>
      </form>
      <details>
        <summary><xsl:value-of select="i:t('User names of the municipality’s staff')"/></summary>
        <ul class="links">
          <xsl:for-each select="staff/person">
            <li><code><xsl:value-of select="@username"/></code><xsl:text>: </xsl:text><xsl:value-of select="@name"/><xsl:if test="@unit"><xsl:text>, </xsl:text><xsl:value-of select="@unit"/></xsl:if></li>
          </xsl:for-each>
        </ul>
      </details>
    </section>

    <section aria-labelledby="edit-title" id="edit">
      <h2 id="edit-title"><xsl:value-of select="i:t('Change the team')"/></h2>
      <p class="hint"><xsl:value-of select="i:t('The kind stays as it is: the team’s agenda or queue is made for it.')"/></p>
      <form method="post" action="/admin/teams/{$t/@id}" novalidate="novalidate">
        <input type="hidden" name="csrf" value="{/page/csrf}"/>
        <input type="hidden" name="idem" value="{/page/idem}"/>
        <xsl:call-template name="team-fields">
          <xsl:with-param name="form" select="'edit'"/>
          <xsl:with-param name="t" select="$t"/>
        </xsl:call-template>
        <button type="submit" class="primary"><xsl:value-of select="i:t('Save the changes')"/></button>
      </form>
    </section>
  </xsl:template>
</xsl:stylesheet>
